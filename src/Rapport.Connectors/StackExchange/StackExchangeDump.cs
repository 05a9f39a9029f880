using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.StackExchange;

/// <summary>
/// A Stack Exchange data dump directory (<c>Posts.xml</c>, <c>Users.xml</c>, optionally <c>Comments.xml</c> and
/// <c>Votes.xml</c>) read as ingest messages, streaming: Users.xml into a map of id → profile, Posts.xml once to
/// index questions (asked at, accepted answer, first answer) and answers (their question), Votes.xml for accept
/// dates, then Posts.xml again and Comments.xml to produce the activities. Memory grows with the number of users
/// and posts, never with the size of their text.
/// </summary>
public sealed class StackExchangeDump
{
    public const string PostsFile = "Posts.xml";
    public const string UsersFile = "Users.xml";
    public const string CommentsFile = "Comments.xml";
    public const string VotesFile = "Votes.xml";

    /// <summary>The Community user: the system account that owns wikis and bumps old questions.</summary>
    private const int CommunityUserId = -1;

    private const int QuestionPost = 1;
    private const int AnswerPost = 2;
    private const int AcceptedByOriginatorVote = 1;

    private readonly string _directory;
    private readonly Dictionary<int, StackExchangeUser> _users = [];
    private readonly HashSet<int> _profilesSent = [];
    private readonly Dictionary<int, QuestionFacts> _questions = [];
    private readonly Dictionary<int, int> _answerQuestions = [];
    private readonly Dictionary<int, DateTime> _acceptVotes = [];
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private long _bytesBeforeCurrentFile;
    private StackExchangeDumpFile? _current;
    private long _questionsAsked, _questionsAnswered, _answersAccepted, _commentsPosted, _unanswered;
    private long _questionsFromDeletedUsers, _skippedDeletedUsers, _skippedOtherPosts;

    public StackExchangeDump(string directory, StackExchangeSite site)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no such directory: {directory}");
        }

        _directory = directory;
        Site = site;
        foreach (var required in new[] { PostsFile, UsersFile })
        {
            if (!File.Exists(Path.Combine(directory, required)))
            {
                throw new ImportLineException(Path.Combine(directory, required), null, $"a Stack Exchange dump needs {PostsFile} and {UsersFile}; this one has no {required}");
            }
        }

        HasComments = File.Exists(Path.Combine(directory, CommentsFile));
        HasVotes = File.Exists(Path.Combine(directory, VotesFile));
        TotalBytes = Length(UsersFile) + 2 * Length(PostsFile) + (HasVotes ? Length(VotesFile) : 0) + (HasComments ? Length(CommentsFile) : 0);
    }

    public StackExchangeSite Site { get; }

    public bool HasComments { get; }

    public bool HasVotes { get; }

    /// <summary>The bytes all passes read: Posts.xml counts twice.</summary>
    public long TotalBytes { get; }

    public long BytesRead => _bytesBeforeCurrentFile + (_current?.Position ?? 0);

    public StackExchangeCounts Counts => new()
    {
        QuestionsAsked = _questionsAsked,
        QuestionsAnswered = _questionsAnswered,
        AnswersAccepted = _answersAccepted,
        CommentsPosted = _commentsPosted,
        QuestionsFromDeletedUsers = _questionsFromDeletedUsers,
        QuestionsUnanswered = _unanswered,
        SkippedDeletedUsers = _skippedDeletedUsers,
        SkippedOtherPosts = _skippedOtherPosts,
        UsersRead = _users.Count,
    };

    /// <summary>
    /// Every message of the dump: a profile (identify) for each user before their first activity, then
    /// <c>question.asked</c>, <c>question.answered</c>, <c>answer.accepted</c> and <c>comment.posted</c>.
    /// A malformed file throws <see cref="ImportLineException"/> naming the file and line.
    /// </summary>
    public IEnumerable<IngestMessage> ReadMessages(CancellationToken cancellationToken)
    {
        // The maps are rebuilt on every read so that the same dump can be read twice.
        ResetState();
        ReadUsers(cancellationToken);
        IndexPosts(cancellationToken);
        if (HasVotes)
        {
            ReadAcceptVotes(cancellationToken);
        }

        foreach (var message in ReadPosts(cancellationToken))
        {
            yield return message;
        }

        if (HasComments)
        {
            foreach (var message in ReadComments(cancellationToken))
            {
                yield return message;
            }
        }

        Close();
    }

    private void ResetState()
    {
        _users.Clear();
        _profilesSent.Clear();
        _questions.Clear();
        _answerQuestions.Clear();
        _acceptVotes.Clear();
        _bytesBeforeCurrentFile = 0;
        _current = null;
        _questionsAsked = _questionsAnswered = _answersAccepted = _commentsPosted = _unanswered = 0;
        _questionsFromDeletedUsers = _skippedDeletedUsers = _skippedOtherPosts = 0;
    }

    private void ReadUsers(CancellationToken cancellationToken)
    {
        using var file = Open(UsersFile, "users");
        while (file.NextRow())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = file.RequiredInt("Id");
            _users[id] = new StackExchangeUser(
                NullIfBlank(file.Text("DisplayName")),
                NullIfBlank(file.Text("Location")),
                NullIfBlank(file.Text("WebsiteUrl")),
                file.OptionalInt("AccountId") is > 0 and var account ? account : null,
                file.OptionalDate("LastAccessDate") ?? file.RequiredDate("CreationDate"));
        }

        Close();
    }

    private void IndexPosts(CancellationToken cancellationToken)
    {
        using var file = Open(PostsFile, "posts");
        while (file.NextRow())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = file.RequiredInt("Id");
            switch (file.RequiredInt("PostTypeId"))
            {
                case QuestionPost:
                    ref var question = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_questions, id, out _);
                    question.AskedAt = file.RequiredDate("CreationDate");
                    question.AcceptedAnswerId = file.OptionalInt("AcceptedAnswerId") ?? 0;
                    break;
                case AnswerPost:
                    var questionId = file.RequiredInt("ParentId");
                    var answeredAt = file.RequiredDate("CreationDate");
                    _answerQuestions[id] = questionId;

                    // Answers usually follow their question in the file, but not always (merged questions):
                    // the entry is made either way and its AskedAt filled in when the question comes.
                    ref var answered = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_questions, questionId, out _);
                    if (answered.FirstAnswerAt is not { } first || answeredAt < first)
                    {
                        answered.FirstAnswerAt = answeredAt;
                    }

                    break;
            }
        }

        Close();
    }

    private void ReadAcceptVotes(CancellationToken cancellationToken)
    {
        using var file = Open(VotesFile, "votes");
        while (file.NextRow())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.RequiredInt("VoteTypeId") == AcceptedByOriginatorVote)
            {
                _acceptVotes[file.RequiredInt("PostId")] = file.RequiredDate("CreationDate");
            }
        }

        Close();
    }

    private IEnumerable<IngestMessage> ReadPosts(CancellationToken cancellationToken)
    {
        using var file = Open(PostsFile, "posts");
        while (file.NextRow())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = file.RequiredInt("Id");
            var type = file.RequiredInt("PostTypeId");
            if (type == QuestionPost)
            {
                foreach (var message in Question(file, id))
                {
                    yield return message;
                }
            }
            else if (type == AnswerPost)
            {
                foreach (var message in Answer(file, id))
                {
                    yield return message;
                }
            }
            else
            {
                _skippedOtherPosts++;
            }
        }
    }

    private IEnumerable<IngestMessage> Question(StackExchangeDumpFile file, int id)
    {
        var askedAt = file.RequiredDate("CreationDate");
        var owner = file.OptionalInt("OwnerUserId");
        var facts = _questions.GetValueOrDefault(id);
        var title = file.Text("Title") ?? "";
        var tags = ParseTags(file.Text("Tags"));
        var acceptedAnswerId = file.OptionalInt("AcceptedAnswerId");
        var closedAt = file.OptionalDate("ClosedDate");
        var answered = facts.FirstAnswerAt is not null;
        _questionsAsked++;
        if (!answered)
        {
            _unanswered++;
        }

        var json = StartProperties();
        json.WriteString("site", Site.Host);
        json.WriteNumber("questionId", id);
        json.WriteString("title", title);
        json.WriteStartArray("tags");
        foreach (var tag in tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteString("body", HtmlText.ToPlainText(file.Text("Body") ?? ""));
        WriteOptionalNumber(json, "score", file.OptionalInt("Score"));
        WriteOptionalNumber(json, "viewCount", file.OptionalInt("ViewCount"));
        json.WriteNumber("answerCount", file.OptionalInt("AnswerCount") ?? 0);
        WriteOptionalNumber(json, "acceptedAnswerId", acceptedAnswerId);
        json.WriteBoolean("answered", answered);
        if (facts.FirstAnswerAt is { } firstAnswerAt)
        {
            json.WriteString("firstAnswerAt", firstAnswerAt);
            json.WriteNumber("secondsToFirstAnswer", SecondsBetween(askedAt, firstAnswerAt));
        }

        if (closedAt is { } closed)
        {
            json.WriteString("closedAt", closed);
        }

        Identity primary;
        if (owner is { } userId)
        {
            foreach (var profile in ProfileOnce(userId))
            {
                yield return profile;
            }

            primary = Site.UserIdentity(userId);
            WriteBot(json, userId);
        }
        else
        {
            // The asker's account is gone, but the question still says what developers struggle with.
            _questionsFromDeletedUsers++;
            primary = Identity.Create(IdentityKinds.Anonymous, Site.MessageId("question", Invariant(id)));
            json.WriteBoolean("ownerDeleted", true);
            if (NullIfBlank(file.Text("OwnerDisplayName")) is { } ownerName)
            {
                json.WriteString("ownerDisplayName", ownerName);
            }
        }

        yield return Activity(
            "question", Invariant(id), "question.asked", askedAt, primary, owner, EndProperties(json),
            new ActivityContext { Channel = Site.Host, Url = Site.QuestionUrl(id), Title = title });
    }

    private IEnumerable<IngestMessage> Answer(StackExchangeDumpFile file, int id)
    {
        var answeredAt = file.RequiredDate("CreationDate");
        var questionId = file.RequiredInt("ParentId");
        if (file.OptionalInt("OwnerUserId") is not { } userId)
        {
            _skippedDeletedUsers++;
            yield break;
        }

        foreach (var profile in ProfileOnce(userId))
        {
            yield return profile;
        }

        var question = _questions.GetValueOrDefault(questionId);
        var accepted = question.AcceptedAnswerId == id;
        var json = StartProperties();
        json.WriteString("site", Site.Host);
        json.WriteNumber("questionId", questionId);
        json.WriteNumber("answerId", id);
        json.WriteBoolean("accepted", accepted);
        WriteOptionalNumber(json, "score", file.OptionalInt("Score"));
        if (question.AskedAt != default)
        {
            json.WriteNumber("secondsSinceQuestion", SecondsBetween(question.AskedAt, answeredAt));
        }

        WriteBot(json, userId);
        var context = new ActivityContext { Channel = Site.Host, Url = Site.AnswerUrl(id) };
        _questionsAnswered++;
        yield return Activity("answer", Invariant(id), "question.answered", answeredAt, Site.UserIdentity(userId), userId, EndProperties(json), context);

        if (accepted)
        {
            // Public dumps round vote dates down to the day, so an accept vote can seem to precede its answer.
            var acceptedAt = _acceptVotes.TryGetValue(id, out var voted) && voted > answeredAt ? voted : answeredAt;
            json = StartProperties();
            json.WriteString("site", Site.Host);
            json.WriteNumber("questionId", questionId);
            json.WriteNumber("answerId", id);
            WriteBot(json, userId);
            _answersAccepted++;
            yield return Activity("accept", Invariant(id), "answer.accepted", acceptedAt, Site.UserIdentity(userId), userId, EndProperties(json), context);
        }
    }

    private IEnumerable<IngestMessage> ReadComments(CancellationToken cancellationToken)
    {
        using var file = Open(CommentsFile, "comments");
        while (file.NextRow())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = file.RequiredInt("Id");
            var postId = file.RequiredInt("PostId");
            var postedAt = file.RequiredDate("CreationDate");
            if (file.OptionalInt("UserId") is not { } userId)
            {
                _skippedDeletedUsers++;
                continue;
            }

            foreach (var profile in ProfileOnce(userId))
            {
                yield return profile;
            }

            var json = StartProperties();
            json.WriteString("site", Site.Host);
            json.WriteNumber("postId", postId);
            int? questionId = _answerQuestions.TryGetValue(postId, out var parent) ? parent
                : _questions.ContainsKey(postId) ? postId : null;
            WriteOptionalNumber(json, "questionId", questionId);
            json.WriteString("text", file.Text("Text") ?? "");
            WriteOptionalNumber(json, "score", file.OptionalInt("Score"));
            WriteBot(json, userId);
            _commentsPosted++;
            yield return Activity(
                "comment", Invariant(id), "comment.posted", postedAt, Site.UserIdentity(userId), userId, EndProperties(json),
                new ActivityContext { Channel = Site.Host, Url = Site.CommentUrl(id) });
        }
    }

    /// <summary>
    /// The user's profile as an identify message, once per import, before their first activity. Its id carries a
    /// hash of the traits, so a later dump in which a user changed their name updates it, and the same dump does not.
    /// </summary>
    private IEnumerable<IngestMessage> ProfileOnce(int userId)
    {
        if (!_profilesSent.Add(userId) || !_users.TryGetValue(userId, out var user))
        {
            yield break;
        }

        var traits = new List<Trait>(3);
        if (user.DisplayName is { } name)
        {
            traits.Add(new Trait("name", JsonSerializer.Serialize(name)));
        }

        if (user.Location is { } location)
        {
            traits.Add(new Trait("location", JsonSerializer.Serialize(location)));
        }

        if (user.WebsiteUrl is { } website)
        {
            traits.Add(new Trait("website", JsonSerializer.Serialize(website)));
        }

        var content = string.Join('\u001f', traits.Select(trait => trait.Key + "=" + trait.ValueJson));
        var hash = MessageKeys.ContentId(Encoding.UTF8.GetBytes(content))["content:".Length..][..16];
        var primary = Site.UserIdentity(userId);
        yield return new IngestMessage
        {
            MessageId = Site.MessageId("user", $"{Invariant(userId)}:{hash}"),
            MessageKey = MessageKeys.For(Site.MessageId("user", $"{Invariant(userId)}:{hash}")),
            Kind = MessageKind.Identify,
            Primary = primary,
            Identities = Identities(primary, userId),
            Timestamp = user.SeenAt,
            Traits = traits,
            Source = "stackexchange",
        };
    }

    private IngestMessage Activity(
        string kind, string id, string activityType, DateTime timestamp, Identity primary, int? userId, string propertiesJson, ActivityContext context)
    {
        var messageId = Site.MessageId(kind, id);
        return new IngestMessage
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = MessageKind.Track,
            ActivityType = activityType,
            Primary = primary,
            Identities = userId is { } user ? Identities(primary, user) : [primary],
            Timestamp = timestamp,
            PropertiesJson = propertiesJson,
            Context = context,
            Source = "stackexchange",
        };
    }

    private Identity[] Identities(Identity primary, int userId) =>
        _users.TryGetValue(userId, out var user) && user.AccountId is { } account
            ? [primary, Identity.Create(StackExchangeSite.AccountIdentityKind, Invariant(account))]
            : [primary];

    private Utf8JsonWriter StartProperties()
    {
        _json.ResetWrittenCount();
        var writer = new Utf8JsonWriter(_json);
        writer.WriteStartObject();
        return writer;
    }

    private string EndProperties(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.Flush();
        writer.Dispose();
        return Encoding.UTF8.GetString(_json.WrittenSpan);
    }

    private static void WriteOptionalNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteBot(Utf8JsonWriter json, int userId)
    {
        if (userId == CommunityUserId)
        {
            json.WriteBoolean(BotAccounts.Property, true);
        }
    }

    /// <summary>Whole seconds from a question to an answer; never negative (merged questions keep older answers).</summary>
    private static long SecondsBetween(DateTime from, DateTime to) => Math.Max(0, (long)(to - from).TotalSeconds);

    /// <summary>Tags as dumps write them: <c>&lt;c#&gt;&lt;linq&gt;</c>, or <c>|c#|linq|</c> in newer dumps.</summary>
    public static IReadOnlyList<string> ParseTags(string? tags)
    {
        if (string.IsNullOrWhiteSpace(tags))
        {
            return [];
        }

        var separators = tags.TrimStart().StartsWith('<') ? new[] { '<', '>' } : ['|'];
        return tags.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private StackExchangeDumpFile Open(string fileName, string rootName)
    {
        Close();
        _current = new StackExchangeDumpFile(Path.Combine(_directory, fileName), Path.Combine(_directory, fileName), rootName);
        return _current;
    }

    private void Close()
    {
        if (_current is not null)
        {
            _bytesBeforeCurrentFile += _current.Position;
            _current = null;
        }
    }

    private long Length(string fileName) => new FileInfo(Path.Combine(_directory, fileName)).Length;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
