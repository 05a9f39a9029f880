using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Connectors.StackExchange;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Tests.StackExchange;

/// <summary>The real dump of conlang.meta.stackexchange.com read as ingest messages.</summary>
public sealed class StackExchangeDumpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_real_dump_yields_each_activity_type_and_one_profile_per_active_user()
    {
        var (dump, messages) = ReadReal();

        Assert.Equal(
            [("answer.accepted", 10), ("comment.posted", 216), ("question.answered", 109), ("question.asked", 54)],
            messages.Where(m => m.IsActivity).GroupBy(m => m.ActivityType!).Select(g => (g.Key, g.Count())).OrderBy(p => p.Key));
        Assert.Equal(65, messages.Count(m => m.Kind == MessageKind.Identify));
        var counts = dump.Counts;
        Assert.Equal(5, counts.QuestionsUnanswered);
        Assert.Equal(20, counts.SkippedDeletedUsers);
        Assert.Equal(8, counts.SkippedOtherPosts);
        Assert.Equal(0, counts.QuestionsFromDeletedUsers);
        Assert.Equal(272, counts.UsersRead);
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public void A_question_keeps_its_title_tags_text_and_time_to_first_answer()
    {
        var (_, messages) = ReadReal();

        var asked = messages.Single(m => m.MessageId == "stackexchange:conlang.meta.stackexchange.com:question:1");

        Assert.Equal("question.asked", asked.ActivityType);
        Assert.Equal(new DateTime(2018, 2, 6, 20, 19, 50, 957, DateTimeKind.Utc), asked.Timestamp);
        Assert.Equal(DateTimeKind.Utc, asked.Timestamp.Kind);
        Assert.Equal("stackexchange:conlang.meta.stackexchange.com/14", asked.Primary.ToString());
        Assert.Equal(["stackexchange:conlang.meta.stackexchange.com/14", "stackexchange-account:947951"], asked.Identities.Select(i => i.ToString()));
        Assert.Equal("https://conlang.meta.stackexchange.com/q/1", asked.Context.Url);
        Assert.Equal("conlang.meta.stackexchange.com", asked.Context.Channel);
        Assert.Equal("stackexchange", asked.Source);
        using var properties = JsonDocument.Parse(asked.PropertiesJson!);
        var p = properties.RootElement;
        Assert.Equal("Are questions asked in conlangs accepted on this site?", p.GetProperty("title").GetString());
        Assert.Equal(["discussion", "on-topic"], p.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(p.GetProperty("answered").GetBoolean());
        Assert.Equal("2018-02-06T20:25:42.85Z", p.GetProperty("firstAnswerAt").GetString());
        Assert.Equal(351, p.GetProperty("secondsToFirstAnswer").GetInt64());
        Assert.Equal(2, p.GetProperty("acceptedAnswerId").GetInt32());
        Assert.Equal(3, p.GetProperty("answerCount").GetInt32());
        Assert.Equal(10, p.GetProperty("score").GetInt32());
        Assert.Equal(172, p.GetProperty("viewCount").GetInt32());
        Assert.Equal(1, p.GetProperty("questionId").GetInt32());
        var body = p.GetProperty("body").GetString()!;
        Assert.StartsWith("We anticipate conlang specialists on this site, and, most naturally,", body);
        Assert.EndsWith("Considering the above, do we accept questions asked in (popular) conlangs?", body);
        Assert.Contains("(like Lojban).\n\nConsidering", body);
        Assert.DoesNotContain("<", body);
    }

    [Fact]
    public void A_question_without_answers_is_unanswered()
    {
        var (_, messages) = ReadReal();

        using var properties = JsonDocument.Parse(messages.Single(m => m.MessageId == "stackexchange:conlang.meta.stackexchange.com:question:5").PropertiesJson!);

        Assert.False(properties.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(0, properties.RootElement.GetProperty("answerCount").GetInt32());
        Assert.False(properties.RootElement.TryGetProperty("firstAnswerAt", out _));
        Assert.False(properties.RootElement.TryGetProperty("secondsToFirstAnswer", out _));
    }

    [Fact]
    public void An_answer_is_credited_to_its_author_with_the_time_since_the_question()
    {
        var (_, messages) = ReadReal();

        var answered = messages.Single(m => m.MessageId == "stackexchange:conlang.meta.stackexchange.com:answer:11");

        Assert.Equal("question.answered", answered.ActivityType);
        Assert.Equal("https://conlang.meta.stackexchange.com/a/11", answered.Context.Url);
        using var properties = JsonDocument.Parse(answered.PropertiesJson!);
        Assert.Equal(9, properties.RootElement.GetProperty("questionId").GetInt32());
        Assert.Equal(11, properties.RootElement.GetProperty("answerId").GetInt32());
        Assert.True(properties.RootElement.GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public void An_accept_takes_the_accept_votes_day_unless_that_day_began_before_the_answer()
    {
        var (_, messages) = ReadReal();
        DateTime AcceptedAt(int answerId) =>
            messages.Single(m => m.MessageId == $"stackexchange:conlang.meta.stackexchange.com:accept:{answerId}").Timestamp;

        Assert.Equal(new DateTime(2018, 2, 14, 0, 0, 0, DateTimeKind.Utc), AcceptedAt(11));
        Assert.Equal(new DateTime(2018, 2, 6, 20, 40, 35, 520, DateTimeKind.Utc), AcceptedAt(8));
        Assert.DoesNotContain(messages, m => m.MessageId.EndsWith(":accept:2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_comment_on_an_answer_names_the_answers_question()
    {
        var (_, messages) = ReadReal();

        var comment = messages.Single(m => m.MessageId == "stackexchange:conlang.meta.stackexchange.com:comment:3");

        Assert.Equal("comment.posted", comment.ActivityType);
        Assert.Equal("stackexchange:conlang.meta.stackexchange.com/12", comment.Primary.ToString());
        using var properties = JsonDocument.Parse(comment.PropertiesJson!);
        Assert.Equal(2, properties.RootElement.GetProperty("postId").GetInt32());
        Assert.Equal(1, properties.RootElement.GetProperty("questionId").GetInt32());
        Assert.StartsWith("\"*English is the official language of Stack Exchange", properties.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void A_users_profile_comes_once_before_their_first_activity()
    {
        var (_, messages) = ReadReal();

        var profiles = messages.Where(m => m.Kind == MessageKind.Identify && m.Primary.ToString() == "stackexchange:conlang.meta.stackexchange.com/12").ToList();
        var first = messages.FindIndex(m => m.IsActivity && m.Primary.ToString() == "stackexchange:conlang.meta.stackexchange.com/12");

        var profile = Assert.Single(profiles);
        Assert.Equal(first - 1, messages.IndexOf(profile));
        Assert.Equal(
            [("name", "Rand al'Thor"), ("location", "Unpredictable"), ("website", "https://web.archive.org/web/20160121194619/http://riddlersden.com/")],
            profile.Traits.Select(t => (t.Key, JsonSerializer.Deserialize<string>(t.ValueJson))));
        Assert.StartsWith("stackexchange:conlang.meta.stackexchange.com:user:12:", profile.MessageId);
    }

    [Fact]
    public void The_community_users_posts_are_marked_as_a_bots()
    {
        var (_, messages) = ReadReal();

        using var properties = JsonDocument.Parse(messages.Single(m => m.MessageId.EndsWith(":question:167", StringComparison.Ordinal)).PropertiesJson!);

        Assert.True(properties.RootElement.GetProperty("bot").GetBoolean());
    }

    [Fact]
    public void Reading_the_same_dump_twice_yields_the_same_message_ids()
    {
        var (dump, first) = ReadReal();
        var second = dump.ReadMessages(Token).ToList();

        Assert.Equal(first.Select(m => m.MessageId), second.Select(m => m.MessageId));
    }

    [Fact]
    public void Stack_Overflow_users_get_plain_stackoverflow_identities_and_deleted_askers_an_anonymous_one()
    {
        using var directory = new DumpDirectory()
            .Write("Users.xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <users>
                  <row Id="22656" CreationDate="2008-09-26T12:05:05.150" DisplayName="Jon Skeet" AccountId="11683" />
                </users>
                """)
            .Write("Posts.xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <posts>
                  <row Id="10" PostTypeId="1" CreationDate="2010-01-01T10:00:00.000" OwnerDisplayName="user99" Title="Why?" Tags="|c#|linq|" Body="&lt;p&gt;a &amp;lt; b&lt;/p&gt;" AnswerCount="1" />
                  <row Id="11" PostTypeId="2" ParentId="10" CreationDate="2010-01-01T10:01:30.000" OwnerUserId="22656" Body="&lt;p&gt;Because.&lt;/p&gt;" />
                </posts>
                """);
        var site = Site("stackoverflow.com");

        var messages = new StackExchangeDump(directory.Path, site).ReadMessages(Token).ToList();

        var asked = messages.Single(m => m.ActivityType == "question.asked");
        Assert.Equal("anonymous:stackexchange:stackoverflow.com:question:10", asked.Primary.ToString());
        using var properties = JsonDocument.Parse(asked.PropertiesJson!);
        Assert.True(properties.RootElement.GetProperty("ownerDeleted").GetBoolean());
        Assert.Equal("user99", properties.RootElement.GetProperty("ownerDisplayName").GetString());
        Assert.Equal(["c#", "linq"], properties.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("a < b", properties.RootElement.GetProperty("body").GetString());
        Assert.Equal(90, properties.RootElement.GetProperty("secondsToFirstAnswer").GetInt64());
        var answered = messages.Single(m => m.ActivityType == "question.answered");
        Assert.Equal(["stackoverflow:22656", "stackexchange-account:11683"], answered.Identities.Select(i => i.ToString()));
        Assert.Equal("https://stackoverflow.com/a/11", answered.Context.Url);
    }

    [Fact]
    public void A_truncated_file_names_the_file_and_line()
    {
        var posts = File.ReadAllText(Path.Combine(DumpDirectory.Real, "Posts.xml"));
        using var directory = DumpDirectory.CopyOfReal("Posts.xml", posts[..(posts.Length / 2)]);
        var dump = new StackExchangeDump(directory.Path, Site(DumpDirectory.Site));

        var error = Assert.Throws<ImportLineException>(() => dump.ReadMessages(Token).ToList());

        Assert.Equal(Path.Combine(directory.Path, "Posts.xml"), error.File);
        Assert.Equal(posts[..(posts.Length / 2)].Split('\n').Length, error.Line);
        Assert.StartsWith($"{Path.Combine(directory.Path, "Posts.xml")}:{error.Line}: malformed XML: ", error.Message);
    }

    [Fact]
    public void A_file_with_a_DTD_is_refused_before_any_entity_is_read()
    {
        using var directory = DumpDirectory.CopyOfReal("Users.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE users [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <users>
              <row Id="1" CreationDate="2018-02-06T19:55:45.000" DisplayName="&secret;" />
            </users>
            """);
        var dump = new StackExchangeDump(directory.Path, Site(DumpDirectory.Site));

        var error = Assert.Throws<ImportLineException>(() => dump.ReadMessages(Token).ToList());

        // XmlReader refuses the DTD before it reports a position, so the error names the file alone.
        Assert.StartsWith($"{Path.Combine(directory.Path, "Users.xml")}: the file declares a DTD", error.Message);
        Assert.DoesNotContain("root:", error.Message);
    }

    [Fact]
    public void A_row_with_a_bad_date_names_the_attribute_and_line()
    {
        using var directory = DumpDirectory.CopyOfReal("Comments.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <comments>
              <row Id="2" PostId="3" Text="fine" CreationDate="2018-02-06T20:30:28.907" UserId="31" />
              <row Id="3" PostId="2" Text="not fine" CreationDate="yesterday" UserId="12" />
            </comments>
            """);
        var dump = new StackExchangeDump(directory.Path, Site(DumpDirectory.Site));

        var error = Assert.Throws<ImportLineException>(() => dump.ReadMessages(Token).ToList());

        Assert.Equal($"{Path.Combine(directory.Path, "Comments.xml")}:4: CreationDate \"yesterday\" is not a date", error.Message);
    }

    [Fact]
    public void A_dump_without_Users_xml_is_refused()
    {
        using var directory = new DumpDirectory().Write("Posts.xml", "<posts />");

        var error = Assert.Throws<ImportLineException>(() => new StackExchangeDump(directory.Path, Site("stackoverflow.com")));

        Assert.Contains("needs Posts.xml and Users.xml; this one has no Users.xml", error.Message);
    }

    [Theory]
    [InlineData("conlang.meta.stackexchange.com", "conlang.meta.stackexchange.com")]
    [InlineData("/data/dumps/stackoverflow.com", "stackoverflow.com")]
    [InlineData("/data/dumps/askubuntu.com.7z/", "askubuntu.com")]
    [InlineData("/data/dumps/2024-06", null)]
    [InlineData("/data/dumps/stackexchange", null)]
    public void The_site_is_read_from_a_directory_named_after_it(string directory, string? host) =>
        Assert.Equal(host, StackExchangeSite.FromDirectoryName(directory)?.Host);

    private static (StackExchangeDump Dump, List<IngestMessage> Messages) ReadReal()
    {
        var dump = new StackExchangeDump(DumpDirectory.Real, Site(DumpDirectory.Site));
        return (dump, dump.ReadMessages(Token).ToList());
    }

    private static StackExchangeSite Site(string host) =>
        StackExchangeSite.TryParse(host, out var site) ? site : throw new ArgumentException(host);
}
