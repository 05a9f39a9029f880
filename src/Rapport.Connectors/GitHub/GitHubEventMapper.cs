using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.GitHub;

/// <summary>
/// Turns a GitHub webhook delivery into activities (docs/connectors/github.md lists the mapping): one per delivery,
/// or one per new commit of a push. Message ids derive from the delivery id, so a redelivery stores nothing new.
/// </summary>
public static class GitHubEventMapper
{
    public const string Source = "github";

    // Stored JSON is read back as JSON, never placed into HTML as it is, so '+' in an address or 'ë' in a name stay as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions TraitOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Maps a delivery; throws <see cref="FormatException"/> when the body is not a JSON object.</summary>
    public static GitHubMapping Map(GitHubDelivery delivery)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(delivery.Payload, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"the {delivery.Event} payload is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"the {delivery.Event} payload must be a JSON object");
            }

            var action = Text(root, "action");
            if (!GitHubEvents.Mapped.TryGetValue(delivery.Event, out var actions))
            {
                return GitHubMapping.Ignored(delivery.Event, action, delivery.Event switch
                {
                    "ping" => "GitHub's test delivery: the webhook reaches Rapport and its secret matches",
                    _ when GitHubEvents.Ignored.Contains(delivery.Event) =>
                        $"{delivery.Event} events are about the repository or its automation, not a developer's activity",
                    _ => $"{delivery.Event} is not an event Rapport knows",
                });
            }

            if (actions.Count > 0 && (action is null || !actions.Contains(action)))
            {
                return GitHubMapping.Ignored(delivery.Event, action,
                    $"Rapport maps {delivery.Event} when {string.Join(", ", actions)}, not {action ?? "without an action"}");
            }

            if (delivery.Event == "push")
            {
                var commits = MapPush(delivery, root);
                return commits.Count > 0
                    ? new GitHubMapping(delivery.Event, action, commits, IgnoredReason: null)
                    : GitHubMapping.Ignored(delivery.Event, action, "the push brings no new commits (a branch or tag was created or deleted)");
            }

            var activity = Describe(delivery.Event, action, root);
            if (activity.Actor.ValueKind != JsonValueKind.Object || Text(activity.Actor, "login") is not { } login
                || !Identity.TryCreate(IdentityKinds.GitHub, login, out var actor, out _))
            {
                return GitHubMapping.Ignored(delivery.Event, action, "the payload names no GitHub account that did it");
            }

            var bot = Text(activity.Actor, "type") == "Bot" || BotAccounts.IsBotName(login);
            var message = NewMessage(
                "github:" + delivery.DeliveryId, activity.Type, actor, [actor], activity.At ?? delivery.ReceivedAt, traits: [],
                Properties(root, bot, activity.Properties), new ActivityContext { Channel = Source, Url = activity.Url, Title = activity.Title });
            return new GitHubMapping(delivery.Event, action, [message], IgnoredReason: null);
        }
    }

    /// <summary>The activity of a single-activity event: its type, who did it, when, and what it was about.</summary>
    private static Activity Describe(string gitHubEvent, string? action, JsonElement root)
    {
        var sender = Member(root, "sender");
        var repository = Member(root, "repository");
        var repositoryUrl = Text(repository, "html_url");
        switch (gitHubEvent)
        {
            case "star":
                return new(sender, "github.star", Time(root, "starred_at"), repositoryUrl, null, []);
            case "watch":
                return new(sender, "github.watch", null, repositoryUrl, null, []);
            case "fork":
                var fork = Member(root, "forkee");
                return new(sender, "github.fork", Time(fork, "created_at"), Text(fork, "html_url"), null, [("fork", Text(fork, "full_name"))]);
            case "issues":
                var issue = Member(root, "issue");
                var issueAt = action switch { "opened" => "created_at", "closed" => "closed_at", _ => "updated_at" };
                return new(sender, $"github.issues.{action}", Time(issue, issueAt), Text(issue, "html_url"), Text(issue, "title"), Thread(issue));
            case "issue_comment":
                var commented = Member(root, "issue");
                var comment = Member(root, "comment");
                return new(sender, "github.issue_comment.created", Time(comment, "created_at"), Text(comment, "html_url"), Text(commented, "title"),
                    [.. Thread(commented), ("pull_request", commented.TryGetProperty("pull_request", out _))]);
            case "pull_request":
                var pull = Member(root, "pull_request");
                var merged = action == "closed" && pull.TryGetProperty("merged", out var m) && m.ValueKind == JsonValueKind.True;
                var (type, pullAt) = action switch
                {
                    "opened" => ("github.pull_request.opened", "created_at"),
                    "closed" when merged => ("github.pull_request.merged", "merged_at"),
                    "closed" => ("github.pull_request.closed", "closed_at"),
                    _ => ($"github.pull_request.{action}", "updated_at"),
                };
                return new(sender, type, Time(pull, pullAt), Text(pull, "html_url"), Text(pull, "title"),
                    [.. Thread(pull), ("author", Text(Member(pull, "user"), "login"))]);
            case "pull_request_review":
                var reviewed = Member(root, "pull_request");
                var review = Member(root, "review");
                return new(sender, "github.pull_request_review.submitted", Time(review, "submitted_at"), Text(review, "html_url"),
                    Text(reviewed, "title"), [.. Thread(reviewed), ("state", Text(review, "state"))]);
            case "pull_request_review_comment":
                var discussedPull = Member(root, "pull_request");
                var reviewComment = Member(root, "comment");
                return new(sender, "github.pull_request_review_comment.created", Time(reviewComment, "created_at"), Text(reviewComment, "html_url"),
                    Text(discussedPull, "title"), Thread(discussedPull));
            case "commit_comment":
                var commitComment = Member(root, "comment");
                return new(sender, "github.commit_comment.created", Time(commitComment, "created_at"), Text(commitComment, "html_url"), null,
                    [("commit", Text(commitComment, "commit_id"))]);
            case "discussion" when action == "answered":
                // The developer whose answer was chosen did the work; who chose it is kept as a property.
                var answered = Member(root, "discussion");
                var answer = Member(root, "answer");
                return new(Member(answer, "user"), "github.discussion.answered", Time(answered, "answer_chosen_at"), Text(answer, "html_url"),
                    Text(answered, "title"), [.. Thread(answered), ("chosen_by", Text(sender, "login"))]);
            case "discussion":
                var discussion = Member(root, "discussion");
                return new(sender, "github.discussion.created", Time(discussion, "created_at"), Text(discussion, "html_url"), Text(discussion, "title"),
                    [.. Thread(discussion), ("category", Text(Member(discussion, "category"), "name"))]);
            case "discussion_comment":
                var commentedDiscussion = Member(root, "discussion");
                var discussionComment = Member(root, "comment");
                return new(sender, "github.discussion_comment.created", Time(discussionComment, "created_at"), Text(discussionComment, "html_url"),
                    Text(commentedDiscussion, "title"), Thread(commentedDiscussion));
            case "release":
                var release = Member(root, "release");
                return new(sender, "github.release.published", Time(release, "published_at"), Text(release, "html_url"),
                    Text(release, "name") is { Length: > 0 } name ? name : Text(release, "tag_name"),
                    [("tag", Text(release, "tag_name")), ("prerelease", Member(release, "prerelease").ValueKind == JsonValueKind.True)]);
            case "sponsorship":
                // The sponsor is the developer; GitHub sends the event to the sponsored account.
                var sponsorship = Member(root, "sponsorship");
                var tier = Member(sponsorship, "tier");
                var sponsor = Member(sponsorship, "sponsor");
                return new(sponsor.ValueKind == JsonValueKind.Object ? sponsor : sender, "github.sponsorship.created", Time(sponsorship, "created_at"),
                    null, Text(tier, "name"),
                    [("sponsorable", Text(Member(sponsorship, "sponsorable"), "login")), ("tier", Text(tier, "name")),
                        ("monthly_price_in_dollars", Number(tier, "monthly_price_in_dollars"))]);
            case "member":
                // The developer who became a collaborator is the one this is about; who added them is a property.
                return new(Member(root, "member"), "github.member.added", null, repositoryUrl, null, [("added_by", Text(sender, "login"))]);
            case "public":
                return new(sender, "github.public", null, repositoryUrl, null, []);
            default:
                throw new InvalidOperationException($"{gitHubEvent} is listed as mapped but has no mapping");
        }
    }

    /// <summary>One activity per new commit, by its author (not the pusher): GitHub login, email, and the login a noreply address names.</summary>
    private static List<IngestMessage> MapPush(GitHubDelivery delivery, JsonElement root)
    {
        var messages = new List<IngestMessage>();
        if (!root.TryGetProperty("commits", out var commits) || commits.ValueKind != JsonValueKind.Array)
        {
            return messages;
        }

        var gitRef = Text(root, "ref");
        foreach (var commit in commits.EnumerateArray())
        {
            // A commit already pushed to another branch of the repository arrives again with distinct = false.
            if (commit.ValueKind != JsonValueKind.Object || Member(commit, "distinct").ValueKind == JsonValueKind.False
                || Text(commit, "id") is not { Length: > 0 } sha)
            {
                continue;
            }

            var author = Member(commit, "author");
            var name = Text(author, "name");
            var email = Text(author, "email");
            var username = Text(author, "username");
            var identities = new List<Identity>(3);
            if (Identity.TryCreate(IdentityKinds.GitHub, username, out var github, out _))
            {
                identities.Add(github);
            }

            if (email is not null && GitHubNoreplyEmail.TryGetLogin(email, out var noreplyLogin)
                && Identity.TryCreate(IdentityKinds.GitHub, noreplyLogin, out var noreply, out _) && !identities.Contains(noreply))
            {
                identities.Add(noreply);
            }

            if (Identity.TryCreate(IdentityKinds.Email, email, out var address, out _))
            {
                identities.Add(address);
            }

            if (identities.Count == 0)
            {
                continue;
            }

            var bot = BotAccounts.IsBotName(username) || BotAccounts.IsBotName(name) || BotAccounts.IsBotEmail(email);
            Trait[] traits = !bot && !string.IsNullOrWhiteSpace(name) ? [new Trait("name", JsonSerializer.Serialize(name.Trim(), TraitOptions))] : [];
            var messageText = Text(commit, "message");
            messages.Add(NewMessage(
                $"github:{delivery.DeliveryId}:{sha}", "github.push.commit", identities[0], identities, Time(commit, "timestamp") ?? delivery.ReceivedAt,
                traits, Properties(root, bot, [("ref", gitRef), ("sha", sha), ("author_email", email)]),
                new ActivityContext { Channel = Source, Url = Text(commit, "url"), Title = messageText?.Split('\n', 2)[0].Trim() }));
        }

        return messages;
    }

    private static IngestMessage NewMessage(
        string messageId, string type, Identity primary, IReadOnlyList<Identity> identities, DateTime timestamp, IReadOnlyList<Trait> traits,
        string properties, ActivityContext context) => new()
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = MessageKind.Track,
            ActivityType = type,
            Primary = primary,
            Identities = identities,
            Timestamp = timestamp,
            Traits = traits,
            PropertiesJson = properties,
            Context = context,
            Source = Source,
        };

    /// <summary>The activity's properties: the repository, what the event adds, and <c>"bot": true</c> for automation.</summary>
    private static string Properties(JsonElement root, bool bot, IEnumerable<(string Name, object? Value)> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (Text(Member(root, "repository"), "full_name") is { } repository)
            {
                writer.WriteString("repository", repository);
            }

            foreach (var (name, value) in properties)
            {
                switch (value)
                {
                    case string text:
                        writer.WriteString(name, text);
                        break;
                    case bool flag:
                        writer.WriteBoolean(name, flag);
                        break;
                    case long number:
                        writer.WriteNumber(name, number);
                        break;
                    case decimal number:
                        writer.WriteNumber(name, number);
                        break;
                }
            }

            if (bot)
            {
                writer.WriteBoolean(BotAccounts.Property, true);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The number and title of an issue, pull request or discussion.</summary>
    private static (string, object?)[] Thread(JsonElement thread) => [("number", Number(thread, "number")), ("title", Text(thread, "title"))];

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static object? Number(JsonElement element, string name) => Member(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var whole) => whole,
        { ValueKind: JsonValueKind.Number } value when value.TryGetDecimal(out var fraction) => fraction,
        _ => null,
    };

    /// <summary>A time as GitHub writes it: ISO 8601 with any offset, or (in some payloads) Unix seconds.</summary>
    private static DateTime? Time(JsonElement element, string name) => Member(element, name) switch
    {
        { ValueKind: JsonValueKind.String } text when DateTimeOffset.TryParse(
            text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed.UtcDateTime,
        { ValueKind: JsonValueKind.Number } seconds when seconds.TryGetInt64(out var unix) => DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime,
        _ => null,
    };

    private readonly record struct Activity(
        JsonElement Actor, string Type, DateTime? At, string? Url, string? Title, (string Name, object? Value)[] Properties);
}
