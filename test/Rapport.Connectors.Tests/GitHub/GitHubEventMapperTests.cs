using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Connectors.GitHub;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Tests.GitHub;

public sealed class GitHubEventMapperTests
{
    private static readonly DateTime ReceivedAt = new(2026, 3, 5, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The documented mapping (docs/connectors/github.md), restated: event and action → activity type and the path of the
    /// account it is credited to. A closed pull request is <c>merged</c> or <c>closed</c>; push is checked commit by commit.
    /// </summary>
    private static readonly Dictionary<string, (string Type, string[] Actor)> Documented = new()
    {
        ["star/created"] = ("github.star", ["sender"]),
        ["watch/started"] = ("github.watch", ["sender"]),
        ["fork/"] = ("github.fork", ["sender"]),
        ["issues/opened"] = ("github.issues.opened", ["sender"]),
        ["issues/closed"] = ("github.issues.closed", ["sender"]),
        ["issues/reopened"] = ("github.issues.reopened", ["sender"]),
        ["issue_comment/created"] = ("github.issue_comment.created", ["sender"]),
        ["pull_request/opened"] = ("github.pull_request.opened", ["sender"]),
        ["pull_request/closed"] = ("github.pull_request.closed", ["sender"]),
        ["pull_request/reopened"] = ("github.pull_request.reopened", ["sender"]),
        ["pull_request_review/submitted"] = ("github.pull_request_review.submitted", ["sender"]),
        ["pull_request_review_comment/created"] = ("github.pull_request_review_comment.created", ["sender"]),
        ["commit_comment/created"] = ("github.commit_comment.created", ["sender"]),
        ["discussion/created"] = ("github.discussion.created", ["sender"]),
        ["discussion/answered"] = ("github.discussion.answered", ["answer", "user"]),
        ["discussion_comment/created"] = ("github.discussion_comment.created", ["sender"]),
        ["release/published"] = ("github.release.published", ["sender"]),
        ["sponsorship/created"] = ("github.sponsorship.created", ["sponsorship", "sponsor"]),
        ["member/added"] = ("github.member.added", ["member"]),
        ["public/"] = ("github.public", ["sender"]),
    };

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (gitHubEvent, index, _) in GitHubExamplePayloads.Examples)
        {
            data.Add(gitHubEvent, index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_payload_becomes_its_documented_activities_or_is_ignored_by_the_documented_lists(string gitHubEvent, int index)
    {
        var payload = GitHubExamplePayloads.Get(gitHubEvent, index);
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var action = root.TryGetProperty("action", out var a) ? a.GetString() : null;

        var mapping = Map(gitHubEvent, payload, delivery: $"d-{gitHubEvent}-{index}");

        Assert.Equal(gitHubEvent, mapping.Event);
        Assert.Equal(action, mapping.Action);
        if (gitHubEvent == "push")
        {
            var commits = root.GetProperty("commits").EnumerateArray().ToList();
            Assert.Equal(commits.Count, mapping.Messages.Count);
            Assert.Equal(commits.Count == 0, mapping.IsIgnored);
            foreach (var (commit, message) in commits.Zip(mapping.Messages))
            {
                var author = commit.GetProperty("author");
                Assert.Equal("github.push.commit", message.ActivityType);
                Assert.Equal($"github:d-push-{index}:{commit.GetProperty("id").GetString()}", message.MessageId);
                Assert.Equal(Identity.Create("github", author.GetProperty("username").GetString()!), message.Primary);
                Assert.Contains(Identity.Create("email", author.GetProperty("email").GetString()!), message.Identities);
                Assert.Equal(DateTimeOffset.Parse(commit.GetProperty("timestamp").GetString()!).UtcDateTime, message.Timestamp);
            }

            return;
        }

        if (Documented.TryGetValue($"{gitHubEvent}/{action}", out var expected))
        {
            Assert.False(mapping.IsIgnored, mapping.IgnoredReason);
            var message = Assert.Single(mapping.Messages);
            Assert.Equal(expected.Type, message.ActivityType);
            var actor = expected.Actor.Aggregate(root, (element, name) => element.GetProperty(name));
            Assert.Equal(Identity.Create("github", actor.GetProperty("login").GetString()!), message.Primary);
            Assert.Equal([message.Primary], message.Identities);
            Assert.Equal($"github:d-{gitHubEvent}-{index}", message.MessageId);
            Assert.Equal(MessageKeys.For(message.MessageId), message.MessageKey);
            Assert.Equal(MessageKind.Track, message.Kind);
            Assert.Equal("github", message.Source);
            Assert.Equal("github", message.Context.Channel);
            using var properties = JsonDocument.Parse(message.PropertiesJson!);
            if (root.TryGetProperty("repository", out var repository))
            {
                Assert.Equal(repository.GetProperty("full_name").GetString(), properties.RootElement.GetProperty("repository").GetString());
            }

            Assert.False(properties.RootElement.TryGetProperty("bot", out _));
            return;
        }

        Assert.True(mapping.IsIgnored, $"{gitHubEvent}/{action} was mapped to {string.Join(", ", mapping.Messages.Select(m => m.ActivityType))}");
        Assert.Empty(mapping.Messages);
        if (GitHubEvents.Mapped.TryGetValue(gitHubEvent, out var mappedActions))
        {
            Assert.DoesNotContain(action, mappedActions);
        }
        else
        {
            Assert.Contains(gitHubEvent, GitHubEvents.Ignored);
        }
    }

    [Fact]
    public void The_examples_give_55_activities_from_55_payloads_and_274_are_ignored()
    {
        var mappings = GitHubExamplePayloads.Examples.Select(example => Map(example.Event, example.Payload, $"d-{example.Event}-{example.Index}")).ToList();

        Assert.Equal(329, mappings.Count);
        Assert.Equal(55, mappings.Count(mapping => !mapping.IsIgnored));
        Assert.Equal(274, mappings.Count(mapping => mapping.IsIgnored));
        var byType = mappings.SelectMany(mapping => mapping.Messages).GroupBy(message => message.ActivityType!)
            .OrderBy(group => group.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["github.commit_comment.created"] = 5,
                ["github.discussion.answered"] = 1,
                ["github.discussion.created"] = 2,
                ["github.discussion_comment.created"] = 2,
                ["github.fork"] = 3,
                ["github.issue_comment.created"] = 5,
                ["github.issues.opened"] = 4,
                ["github.issues.reopened"] = 1,
                ["github.member.added"] = 3,
                ["github.public"] = 3,
                ["github.pull_request.closed"] = 2,
                ["github.pull_request.opened"] = 4,
                ["github.pull_request.reopened"] = 2,
                ["github.pull_request_review.submitted"] = 3,
                ["github.pull_request_review_comment.created"] = 3,
                ["github.push.commit"] = 2,
                ["github.release.published"] = 3,
                ["github.sponsorship.created"] = 2,
                ["github.star"] = 2,
                ["github.watch"] = 3,
            },
            byType);
        Assert.Equal(55, byType.Values.Sum());
    }

    [Fact]
    public void Every_event_type_of_the_examples_is_mapped_or_on_the_ignored_list()
    {
        var eventTypes = GitHubExamplePayloads.Examples.Select(example => example.Event).Distinct().ToList();

        Assert.Equal(58, eventTypes.Count);
        Assert.All(eventTypes, gitHubEvent => Assert.True(
            GitHubEvents.Mapped.ContainsKey(gitHubEvent) ^ GitHubEvents.Ignored.Contains(gitHubEvent), gitHubEvent));
        Assert.Equal(16, eventTypes.Count(GitHubEvents.Mapped.ContainsKey));
    }

    [Fact]
    public void A_star_is_credited_to_the_sender_at_the_time_it_was_starred()
    {
        var mapping = Map("star", GitHubExamplePayloads.First("star", "created"), "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        var star = Assert.Single(mapping.Messages);
        Assert.Equal("github.star", star.ActivityType);
        Assert.Equal("github:codertocat", star.Primary.ToString());
        Assert.Equal("github:72d3162e-cc78-11e3-81ab-4c9367dc0958", star.MessageId);
        Assert.Equal(new DateTime(2019, 5, 15, 15, 20, 40, DateTimeKind.Utc), star.Timestamp);
        Assert.Equal("https://github.com/Codertocat/Hello-World", star.Context.Url);
        Assert.Equal("""{"repository":"Codertocat/Hello-World"}""", star.PropertiesJson);
    }

    [Fact]
    public void A_star_taken_back_is_ignored()
    {
        var mapping = Map("star", GitHubExamplePayloads.First("star", "deleted"), "d-1");

        Assert.True(mapping.IsIgnored);
        Assert.Equal("Rapport maps star when created, not deleted", mapping.IgnoredReason);
    }

    [Fact]
    public void A_watch_has_no_time_of_its_own_so_it_happened_when_received()
    {
        var watch = Assert.Single(Map("watch", GitHubExamplePayloads.First("watch", "started"), "d-1").Messages);

        Assert.Equal(ReceivedAt, watch.Timestamp);
    }

    [Fact]
    public void An_opened_issue_keeps_its_number_title_and_page()
    {
        var issue = Assert.Single(Map("issues", GitHubExamplePayloads.First("issues", "opened"), "d-1").Messages);

        Assert.Equal("github.issues.opened", issue.ActivityType);
        Assert.Equal("https://github.com/Codertocat/Hello-World/issues/1", issue.Context.Url);
        Assert.Equal("Spelling error in the README file", issue.Context.Title);
        Assert.Equal("""{"repository":"Codertocat/Hello-World","number":1,"title":"Spelling error in the README file"}""", issue.PropertiesJson);
        Assert.Equal(new DateTime(2019, 5, 15, 15, 20, 18, DateTimeKind.Utc), issue.Timestamp);
    }

    [Fact]
    public void A_closed_pull_request_that_was_merged_is_a_merge_at_its_merge_time()
    {
        var closed = GitHubExamplePayloads.First("pull_request", "closed");
        var merged = GitHubExamplePayloads.Edit(closed, root =>
        {
            root["pull_request"]!["merged"] = true;
            root["pull_request"]!["merged_at"] = "2019-05-15T15:21:17Z";
        });

        var notMerged = Assert.Single(Map("pull_request", closed, "d-1").Messages);
        var merge = Assert.Single(Map("pull_request", merged, "d-2").Messages);

        Assert.Equal("github.pull_request.closed", notMerged.ActivityType);
        Assert.Equal(new DateTime(2019, 5, 15, 15, 21, 18, DateTimeKind.Utc), notMerged.Timestamp);
        Assert.Equal("github.pull_request.merged", merge.ActivityType);
        Assert.Equal(new DateTime(2019, 5, 15, 15, 21, 17, DateTimeKind.Utc), merge.Timestamp);
        Assert.Equal("""{"repository":"Codertocat/Hello-World","number":2,"title":"Update the README with new information.","author":"Codertocat"}""",
            merge.PropertiesJson);
    }

    [Fact]
    public void A_chosen_answer_is_credited_to_the_developer_who_wrote_it()
    {
        var answered = Assert.Single(Map("discussion", GitHubExamplePayloads.First("discussion", "answered"), "d-1").Messages);

        Assert.Equal("github:dan2wik", answered.Primary.ToString());
        Assert.Equal(new DateTime(2021, 3, 30, 23, 17, 18, DateTimeKind.Utc), answered.Timestamp);
        Assert.Equal("https://github.com/Codertocat/Hello-World/discussions/4#discussioncomment-550561", answered.Context.Url);
        using var properties = JsonDocument.Parse(answered.PropertiesJson!);
        Assert.Equal("Codertocat", properties.RootElement.GetProperty("chosen_by").GetString());
    }

    [Fact]
    public void A_new_collaborator_is_credited_with_being_added_and_the_sponsor_with_the_sponsorship()
    {
        var added = Assert.Single(Map("member", GitHubExamplePayloads.First("member", "added"), "d-1").Messages);
        var sponsored = Assert.Single(Map("sponsorship", GitHubExamplePayloads.First("sponsorship", "created"), "d-2").Messages);

        Assert.Equal("github:hacktocat", added.Primary.ToString());
        Assert.Equal("github:monalisa", sponsored.Primary.ToString());
        Assert.Equal("""{"sponsorable":"octocat","tier":"$5 a month","monthly_price_in_dollars":5}""", sponsored.PropertiesJson);
        Assert.Equal(new DateTime(2019, 12, 20, 19, 24, 46, DateTimeKind.Utc), sponsored.Timestamp);
    }

    [Fact]
    public void A_push_is_one_activity_per_commit_by_its_author_with_login_email_and_name()
    {
        var payload = GitHubExamplePayloads.Get("push", 4);

        var commit = Assert.Single(Map("push", payload, "d-push").Messages);

        Assert.Equal("github:d-push:6113728f27ae82c7b1a177c8d03f9e96e0adf246", commit.MessageId);
        Assert.Equal("github.push.commit", commit.ActivityType);
        Assert.Equal(["github:codertocat", "email:21031067+codertocat@users.noreply.github.com"], commit.Identities.Select(i => i.ToString()));
        Assert.Equal(new Trait("name", "\"Codertocat\""), Assert.Single(commit.Traits));
        Assert.Equal(new DateTime(2019, 5, 15, 15, 19, 25, DateTimeKind.Utc), commit.Timestamp);
        Assert.Equal("https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246", commit.Context.Url);
        Assert.Equal(
            """{"repository":"Codertocat/Hello-World","ref":"refs/heads/master","sha":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","author_email":"21031067+Codertocat@users.noreply.github.com"}""",
            commit.PropertiesJson);
    }

    [Fact]
    public void A_commit_author_GitHub_did_not_recognise_is_known_by_email_and_the_login_a_noreply_address_names()
    {
        var payload = GitHubExamplePayloads.Edit(GitHubExamplePayloads.Get("push", 4), root =>
        {
            var commits = root["commits"]!.AsArray();
            commits[0]!["author"]!.AsObject().Remove("username");
            var second = commits[0]!.DeepClone();
            second["id"] = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
            second["author"] = new JsonObject { ["name"] = "Ada Lovelace", ["email"] = "Ada@Example.com" };
            commits.Add(second);
        });

        var commits = Map("push", payload, "d-push").Messages;

        Assert.Equal(2, commits.Count);
        Assert.Equal(["github:codertocat", "email:21031067+codertocat@users.noreply.github.com"], commits[0].Identities.Select(i => i.ToString()));
        Assert.Equal(["email:ada@example.com"], commits[1].Identities.Select(i => i.ToString()));
        Assert.Equal("email:ada@example.com", commits[1].Primary.ToString());
        Assert.Equal(new Trait("name", "\"Ada Lovelace\""), Assert.Single(commits[1].Traits));
    }

    [Fact]
    public void A_commit_already_pushed_to_another_branch_is_not_counted_again()
    {
        var payload = GitHubExamplePayloads.Edit(GitHubExamplePayloads.Get("push", 4), root => root["commits"]![0]!["distinct"] = false);

        var mapping = Map("push", payload, "d-push");

        Assert.True(mapping.IsIgnored);
        Assert.Equal("the push brings no new commits (a branch or tag was created or deleted)", mapping.IgnoredReason);
    }

    [Theory]
    [InlineData("dependabot[bot]", "Bot")]
    [InlineData("octocoders-linter", "Bot")]
    [InlineData("renovate[bot]", "User")]
    public void Activities_of_bots_are_flagged_so_community_metrics_can_leave_them_out(string login, string type)
    {
        var payload = GitHubExamplePayloads.Edit(GitHubExamplePayloads.First("issue_comment", "created"), root =>
        {
            root["sender"]!["login"] = login;
            root["sender"]!["type"] = type;
        });

        var comment = Assert.Single(Map("issue_comment", payload, "d-1").Messages);

        Assert.Equal(Identity.Create("github", login), comment.Primary);
        using var properties = JsonDocument.Parse(comment.PropertiesJson!);
        Assert.True(properties.RootElement.GetProperty("bot").GetBoolean());
    }

    [Fact]
    public void Commits_by_bots_are_flagged_and_give_no_name()
    {
        var payload = GitHubExamplePayloads.Edit(GitHubExamplePayloads.Get("push", 4), root =>
            root["commits"]![0]!["author"] = new JsonObject
            {
                ["name"] = "dependabot[bot]",
                ["email"] = "49699333+dependabot[bot]@users.noreply.github.com",
                ["username"] = "dependabot[bot]",
            });

        var commit = Assert.Single(Map("push", payload, "d-1").Messages);

        Assert.Equal("github:dependabot[bot]", commit.Primary.ToString());
        Assert.Empty(commit.Traits);
        using var properties = JsonDocument.Parse(commit.PropertiesJson!);
        Assert.True(properties.RootElement.GetProperty("bot").GetBoolean());
    }

    [Fact]
    public void Bot_senders_in_the_examples_are_all_on_ignored_events()
    {
        var bots = GitHubExamplePayloads.Examples
            .Where(example => JsonNode.Parse(example.Payload)!["sender"]?["type"]?.GetValue<string>() == "Bot")
            .Select(example => example.Event).ToList();

        Assert.Equal(["check_suite", "check_suite", "workflow_job"], bots);
        Assert.All(bots, bot => Assert.Contains(bot, GitHubEvents.Ignored));
    }

    [Fact]
    public void An_event_GitHub_adds_later_is_acknowledged_and_ignored()
    {
        var mapping = Map("copilot_seat", """{"action":"assigned"}"""u8.ToArray(), "d-1");

        Assert.True(mapping.IsIgnored);
        Assert.Equal("copilot_seat is not an event Rapport knows", mapping.IgnoredReason);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public void A_body_that_is_not_a_JSON_object_is_refused(string body)
    {
        var error = Assert.Throws<FormatException>(() => Map("star", System.Text.Encoding.UTF8.GetBytes(body), "d-1"));

        Assert.StartsWith("the star payload ", error.Message);
    }

    private static GitHubMapping Map(string gitHubEvent, byte[] payload, string delivery) =>
        GitHubEventMapper.Map(new GitHubDelivery(gitHubEvent, delivery, payload, ReceivedAt));
}
