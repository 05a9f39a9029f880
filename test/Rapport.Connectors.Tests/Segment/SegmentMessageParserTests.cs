using System.Text;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Tests.Segment;

public sealed class SegmentMessageParserTests
{
    private static readonly DateTime ReceivedAt = new(2026, 3, 5, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Track_becomes_an_activity_named_after_its_event()
    {
        var message = Parse("""
            {
              "type": "track",
              "event": " API Called ",
              "userId": "usr_42",
              "anonymousId": "507f191e810c19729de860ea",
              "messageId": "ajs-next-1709546130250-4c2f1f1f",
              "timestamp": "2026-03-04T10:15:30.250Z",
              "properties": {"endpoint": "/v1/charges", "status": 200},
              "context": {
                "ip": "203.0.113.7",
                "userAgent": "Mozilla/5.0 (X11; Linux x86_64)",
                "library": {"name": "analytics.js", "version": "2.11.1"},
                "page": {
                  "url": "https://docs.example.com/api",
                  "referrer": "https://www.google.com/search?q=rapport",
                  "title": "API reference"
                }
              },
              "integrations": {"All": true}
            }
            """);

        Assert.Equal(MessageKind.Track, message.Kind);
        Assert.True(message.IsActivity);
        Assert.Equal("API Called", message.ActivityType);
        Assert.Equal("ajs-next-1709546130250-4c2f1f1f", message.MessageId);
        Assert.Equal(MessageKeys.For("ajs-next-1709546130250-4c2f1f1f"), message.MessageKey);
        Assert.Equal(Identity.Parse("user:usr_42"), message.Primary);
        Assert.Equal([Identity.Parse("user:usr_42"), Identity.Parse("anonymous:507f191e810c19729de860ea")], message.Identities);
        Assert.Equal(new DateTime(2026, 3, 4, 10, 15, 30, 250, DateTimeKind.Utc), message.Timestamp);
        Assert.Equal(DateTimeKind.Utc, message.Timestamp.Kind);
        Assert.Equal("""{"endpoint": "/v1/charges", "status": 200}""", message.PropertiesJson);
        Assert.Equal(
            new ActivityContext
            {
                Url = "https://docs.example.com/api",
                Referrer = "https://www.google.com/search?q=rapport",
                Title = "API reference",
                UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
                Ip = "203.0.113.7",
                Channel = "google.com",
            },
            message.Context);
        Assert.Equal("segment", message.Source);
        Assert.Empty(message.Traits);
        Assert.Null(message.PreviousId);
        Assert.Null(message.GroupId);
    }

    [Fact]
    public void Page_takes_url_title_and_referrer_from_its_properties()
    {
        var message = Parse("""
            {
              "type": "page",
              "name": "Pricing",
              "anonymousId": "anon-1",
              "messageId": "page-1",
              "properties": {
                "path": "/pricing",
                "url": "https://example.com/pricing",
                "title": "Pricing | Example",
                "referrer": "https://news.ycombinator.com/item?id=1"
              }
            }
            """);

        Assert.Equal(MessageKind.Page, message.Kind);
        Assert.Equal("page", message.ActivityType);
        Assert.Equal(Identity.Parse("anonymous:anon-1"), message.Primary);
        Assert.Equal([Identity.Parse("anonymous:anon-1")], message.Identities);
        Assert.Equal("https://example.com/pricing", message.Context.Url);
        Assert.Equal("Pricing | Example", message.Context.Title);
        Assert.Equal("https://news.ycombinator.com/item?id=1", message.Context.Referrer);
        Assert.Equal("news.ycombinator.com", message.Context.Channel);
    }

    [Fact]
    public void Page_without_a_title_is_titled_by_its_name()
    {
        var message = Parse("""{"type": "page", "name": "Pricing", "anonymousId": "anon-1", "messageId": "page-1"}""");

        Assert.Equal("Pricing", message.Context.Title);
    }

    [Fact]
    public void Screen_becomes_a_screen_activity_titled_by_its_name()
    {
        var message = Parse("""{"type": "screen", "name": "Dashboard", "userId": "usr_42", "messageId": "screen-1"}""");

        Assert.Equal(MessageKind.Screen, message.Kind);
        Assert.Equal("screen", message.ActivityType);
        Assert.Equal("Dashboard", message.Context.Title);
        Assert.Equal(Identity.Parse("user:usr_42"), message.Primary);
    }

    [Fact]
    public void Track_name_is_not_a_title()
    {
        var message = Parse("""{"type": "track", "event": "Signed Up", "name": "ignored", "userId": "1", "messageId": "m"}""");

        Assert.Null(message.Context.Title);
    }

    [Fact]
    public void Identify_keeps_traits_and_turns_email_and_handles_into_identities()
    {
        var message = Parse("""
            {
              "type": "identify",
              "userId": "97980cfea0067",
              "anonymousId": "anon-1",
              "messageId": "identify-1",
              "timestamp": "2026-03-04T10:15:30Z",
              "traits": {
                "name": "Ada Lovelace",
                "email": " Ada@Example.com ",
                "github": "@AdaL",
                "company": {"name": "Analytical Engines"},
                "logins": 5
              }
            }
            """);

        Assert.Equal(MessageKind.Identify, message.Kind);
        Assert.False(message.IsActivity);
        Assert.Null(message.ActivityType);
        Assert.Equal(Identity.Parse("user:97980cfea0067"), message.Primary);
        Assert.Equal(
            [
                Identity.Parse("user:97980cfea0067"),
                Identity.Parse("anonymous:anon-1"),
                Identity.Parse("email:ada@example.com"),
                Identity.Parse("github:adal"),
            ],
            message.Identities);
        Assert.Equal(
            [
                new Trait("name", "\"Ada Lovelace\""),
                new Trait("email", "\" Ada@Example.com \""),
                new Trait("github", "\"@AdaL\""),
                new Trait("company", """{"name": "Analytical Engines"}"""),
                new Trait("logins", "5"),
            ],
            message.Traits);
        Assert.Null(message.PropertiesJson);
    }

    [Fact]
    public void Noreply_email_also_yields_the_github_login()
    {
        var message = Parse("""
            {"type": "identify", "userId": "usr_42", "messageId": "m", "traits": {"email": "12345+OctoCat@users.noreply.github.com"}}
            """);

        Assert.Equal(
            [
                Identity.Parse("user:usr_42"),
                Identity.Parse("email:12345+octocat@users.noreply.github.com"),
                Identity.Parse("github:octocat"),
            ],
            message.Identities);
    }

    [Fact]
    public void The_same_identity_named_twice_is_listed_once()
    {
        var message = Parse("""
            {"type": "identify", "userId": "usr_42", "messageId": "m",
             "traits": {"email": "octocat@users.noreply.github.com", "github": "OctoCat"}}
            """);

        Assert.Equal(
            [Identity.Parse("user:usr_42"), Identity.Parse("email:octocat@users.noreply.github.com"), Identity.Parse("github:octocat")],
            message.Identities);
    }

    [Fact]
    public void Trait_values_that_are_not_identities_stay_traits()
    {
        var message = Parse("""
            {"type": "identify", "userId": "usr_42", "messageId": "m", "traits": {"email": "n/a", "github": 12345, "twitter": ""}}
            """);

        Assert.Equal([Identity.Parse("user:usr_42")], message.Identities);
        Assert.Equal([new Trait("email", "\"n/a\""), new Trait("github", "12345"), new Trait("twitter", "\"\"")], message.Traits);
    }

    [Fact]
    public void Context_traits_also_yield_identities_after_the_message_traits()
    {
        var message = Parse("""
            {
              "type": "track",
              "event": "Docs Viewed",
              "userId": "usr_42",
              "anonymousId": "anon-2",
              "messageId": "m",
              "traits": {"github": "grace"},
              "context": {"traits": {"email": "Grace@Example.com", "discord": "Grace#1906"}}
            }
            """);

        Assert.Equal(
            [
                Identity.Parse("user:usr_42"),
                Identity.Parse("anonymous:anon-2"),
                Identity.Parse("github:grace"),
                Identity.Parse("email:grace@example.com"),
                Identity.Parse("discord:grace#1906"),
            ],
            message.Identities);
        Assert.Equal(
            [new Trait("github", "\"grace\""), new Trait("email", "\"Grace@Example.com\""), new Trait("discord", "\"Grace#1906\"")],
            message.Traits);
    }

    [Fact]
    public void Alias_carries_the_previous_id_it_links()
    {
        var message = Parse("""
            {"type": "alias", "userId": "usr_42", "previousId": " 507f191e810c19729de860ea ", "messageId": "alias-1"}
            """);

        Assert.Equal(MessageKind.Alias, message.Kind);
        Assert.Null(message.ActivityType);
        Assert.Equal("507f191e810c19729de860ea", message.PreviousId);
        Assert.Equal(Identity.Parse("user:usr_42"), message.Primary);
        Assert.Equal([Identity.Parse("user:usr_42")], message.Identities);
    }

    [Fact]
    public void Group_keeps_the_organisation_traits_but_takes_no_identities_from_them()
    {
        var message = Parse("""
            {
              "type": "group",
              "userId": "usr_42",
              "groupId": "acme-inc",
              "messageId": "group-1",
              "traits": {"name": "Acme Inc", "email": "billing@acme.example", "industry": "Software", "employees": 250}
            }
            """);

        Assert.Equal(MessageKind.Group, message.Kind);
        Assert.Equal("acme-inc", message.GroupId);
        Assert.Equal([Identity.Parse("user:usr_42")], message.Identities);
        Assert.Equal(
            [
                new Trait("name", "\"Acme Inc\""),
                new Trait("email", "\"billing@acme.example\""),
                new Trait("industry", "\"Software\""),
                new Trait("employees", "250"),
            ],
            message.Traits);
    }

    [Fact]
    public void Group_id_may_be_a_number()
    {
        var message = Parse("""{"type": "group", "userId": "usr_42", "groupId": 9001, "messageId": "m"}""");

        Assert.Equal("9001", message.GroupId);
    }

    [Fact]
    public void Campaign_source_becomes_the_channel()
    {
        var message = Parse("""
            {
              "type": "page", "anonymousId": "anon-1", "messageId": "m",
              "context": {
                "campaign": {"name": "spring_launch", "source": "newsletter", "medium": "email"},
                "page": {"referrer": "https://www.google.com/"}
              }
            }
            """);

        Assert.Equal("newsletter", message.Context.Channel);
        Assert.Equal("""{"name": "spring_launch", "source": "newsletter", "medium": "email"}""", message.Context.CampaignJson);
    }

    [Fact]
    public void Utm_source_counts_as_the_campaign_source()
    {
        var message = Parse("""
            {"type": "page", "anonymousId": "anon-1", "messageId": "m", "context": {"campaign": {"utm_source": "devto"}}}
            """);

        Assert.Equal("devto", message.Context.Channel);
    }

    [Fact]
    public void Explicit_channel_property_comes_before_the_campaign_source()
    {
        var message = Parse("""
            {
              "type": "track", "event": "Talk Attended", "userId": "usr_42", "messageId": "m",
              "properties": {"channel": "discord"},
              "context": {"campaign": {"source": "newsletter"}}
            }
            """);

        Assert.Equal("discord", message.Context.Channel);
    }

    [Theory]
    [InlineData("https://www.Reddit.com/r/dotnet", "reddit.com")]
    [InlineData("https://dev.to/rapport/launch", "dev.to")]
    [InlineData("not a url", null)]
    public void Without_channel_or_campaign_the_referrer_host_is_the_channel(string referrer, string? expected)
    {
        var message = Parse($$"""
            {"type": "page", "anonymousId": "anon-1", "messageId": "m", "context": {"page": {"referrer": "{{referrer}}"} } }
            """);

        Assert.Equal(expected, message.Context.Channel);
    }

    [Fact]
    public void Context_page_comes_before_properties_for_url_title_and_referrer()
    {
        var message = Parse("""
            {
              "type": "page", "anonymousId": "anon-1", "messageId": "m",
              "properties": {"url": "https://example.com/a", "title": "A", "referrer": "https://a.example/"},
              "context": {"page": {"url": "https://example.com/b", "title": "B", "referrer": "https://b.example/"}}
            }
            """);

        Assert.Equal(("https://example.com/b", "B", "https://b.example/", "b.example"),
            (message.Context.Url, message.Context.Title, message.Context.Referrer, message.Context.Channel));
    }

    [Theory]
    [InlineData("""
        "timestamp": "2026-03-04T10:00:00Z", "originalTimestamp": "2026-03-04T11:00:00Z", "receivedAt": "2026-03-04T12:00:00Z", "sentAt": "2026-03-04T13:00:00Z"
        """, 10)]
    [InlineData("""
        "originalTimestamp": "2026-03-04T11:00:00Z", "receivedAt": "2026-03-04T12:00:00Z", "sentAt": "2026-03-04T13:00:00Z"
        """, 11)]
    [InlineData("""
        "timestamp": null, "receivedAt": "2026-03-04T12:00:00Z", "sentAt": "2026-03-04T13:00:00Z"
        """, 12)]
    [InlineData("""
        "sentAt": "2026-03-04T13:00:00Z"
        """, 13)]
    public void Timestamp_falls_back_through_original_timestamp_received_at_and_sent_at(string fields, int expectedHour)
    {
        var message = Parse($$"""{"type": "track", "event": "x", "userId": "1", "messageId": "m", {{fields}} }""");

        Assert.Equal(new DateTime(2026, 3, 4, expectedHour, 0, 0, DateTimeKind.Utc), message.Timestamp);
    }

    [Fact]
    public void Without_any_timestamp_the_time_received_is_used()
    {
        var message = Parse("""{"type": "track", "event": "x", "userId": "1", "messageId": "m"}""");

        Assert.Equal(ReceivedAt, message.Timestamp);
    }

    [Theory]
    [InlineData("2026-03-04T12:15:30+02:00")]
    [InlineData("2026-03-04T05:15:30-05:00")]
    [InlineData("2026-03-04T10:15:30Z")]
    [InlineData("2026-03-04T10:15:30")]
    [InlineData("2026-03-04T10:15:30.000+00:00")]
    public void Timestamps_are_read_as_utc(string timestamp)
    {
        var message = Parse($$"""{"type": "track", "event": "x", "userId": "1", "messageId": "m", "timestamp": "{{timestamp}}"}""");

        Assert.Equal(new DateTime(2026, 3, 4, 10, 15, 30, DateTimeKind.Utc), message.Timestamp);
        Assert.Equal(DateTimeKind.Utc, message.Timestamp.Kind);
    }

    [Fact]
    public void Numeric_user_id_is_read_as_its_digits()
    {
        var message = Parse("""{"type": "track", "event": "x", "userId": 42, "messageId": "m"}""");

        Assert.Equal(Identity.Parse("user:42"), message.Primary);
    }

    [Fact]
    public void Blank_user_id_falls_back_to_the_anonymous_id()
    {
        var message = Parse("""{"type": "track", "event": "x", "userId": "  ", "anonymousId": "anon-1", "messageId": "m"}""");

        Assert.Equal(Identity.Parse("anonymous:anon-1"), message.Primary);
        Assert.Equal([Identity.Parse("anonymous:anon-1")], message.Identities);
    }

    [Fact]
    public void Message_id_is_trimmed()
    {
        var message = Parse("""{"type": "track", "event": "x", "userId": "1", "messageId": "  m-1 "}""");

        Assert.Equal("m-1", message.MessageId);
        Assert.Equal(MessageKeys.For("m-1"), message.MessageKey);
    }

    [Fact]
    public void Missing_message_id_gives_an_id_from_the_content()
    {
        var line = Encoding.UTF8.GetBytes("""{"type": "track", "event": "Signed Up", "userId": "usr_42"}""");

        var first = SegmentMessageParser.Parse(line, ReceivedAt);
        var again = SegmentMessageParser.Parse(line, ReceivedAt.AddDays(1));
        var other = Parse("""{"type": "track", "event": "Signed Up", "userId": "usr_43"}""");

        Assert.Equal(MessageKeys.ContentId(line), first.MessageId);
        Assert.Matches("^content:[0-9a-f]{32}$", first.MessageId);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(first.MessageKey, again.MessageKey);
        Assert.NotEqual(first.MessageId, other.MessageId);
    }

    [Fact]
    public void Blank_message_id_gives_an_id_from_the_content()
    {
        var message = Parse("""{"type": "track", "event": "x", "userId": "1", "messageId": " "}""");

        Assert.StartsWith("content:", message.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_has_no_field()
    {
        var exception = ParseFails("""{"type": "track", "event": "x",""");

        Assert.Null(exception.Field);
        Assert.StartsWith("malformed JSON (", exception.Reason, StringComparison.Ordinal);
        Assert.Equal(exception.Reason, exception.Message);
    }

    [Theory]
    [InlineData("""["track"]""")]
    [InlineData("\"track\"")]
    public void A_message_that_is_not_an_object_has_no_field(string json)
    {
        var exception = ParseFails(json);

        Assert.Null(exception.Field);
        Assert.Equal("a message must be a JSON object", exception.Reason);
    }

    [Fact]
    public void Text_after_the_message_is_malformed_json()
    {
        var exception = ParseFails("""{"type": "track", "event": "x", "userId": "1"} {"type": "track"}""");

        Assert.Null(exception.Field);
        Assert.StartsWith("malformed JSON", exception.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event": "x", "userId": "1"}""",
        "type", "missing; expected track, page, screen, identify, alias or group")]
    [InlineData("""{"type": "purchase", "userId": "1"}""",
        "type", "unknown message type 'purchase'; expected track, page, screen, identify, alias or group")]
    [InlineData("""{"type": "Track", "event": "x", "userId": "1"}""",
        "type", "unknown message type 'Track'; expected track, page, screen, identify, alias or group")]
    [InlineData("""{"type": 1, "userId": "1"}""",
        "type", "must be a string, not a number")]
    [InlineData("""{"type": "track", "event": "x"}""",
        "userId", "a message needs a userId or an anonymousId")]
    [InlineData("""{"type": "track", "event": "x", "userId": null, "anonymousId": ""}""",
        "userId", "a message needs a userId or an anonymousId")]
    [InlineData("""{"type": "track", "event": "x", "userId": true}""",
        "userId", "must be a string or a number, not a boolean")]
    [InlineData("""{"type": "track", "event": "x", "anonymousId": {"id": 1}}""",
        "anonymousId", "must be a string or a number, not an object")]
    [InlineData("""{"type": "track", "userId": "1"}""",
        "event", "a track message needs the event name")]
    [InlineData("""{"type": "track", "event": "  ", "userId": "1"}""",
        "event", "a track message needs the event name")]
    [InlineData("""{"type": "track", "event": "x", "userId": "1", "timestamp": "last Tuesday"}""",
        "timestamp", "'last Tuesday' is not an ISO 8601 timestamp")]
    [InlineData("""{"type": "track", "event": "x", "userId": "1", "timestamp": 1709546130}""",
        "timestamp", "must be an ISO 8601 timestamp string, not a number")]
    [InlineData("""{"type": "track", "event": "x", "userId": "1", "sentAt": "2026-13-01T00:00:00Z"}""",
        "sentAt", "'2026-13-01T00:00:00Z' is not an ISO 8601 timestamp")]
    [InlineData("""{"type": "alias", "userId": "1"}""",
        "previousId", "an alias message needs the previousId it links")]
    [InlineData("""{"type": "alias", "anonymousId": "a", "previousId": "b"}""",
        "userId", "an alias message needs the userId the previousId becomes")]
    [InlineData("""{"type": "group", "userId": "1"}""",
        "groupId", "a group message needs a groupId")]
    [InlineData("""{"type": "track", "event": "x", "userId": "1", "properties": [1, 2]}""",
        "properties", "must be an object, not an array")]
    [InlineData("""{"type": "identify", "userId": "1", "traits": "Ada"}""",
        "traits", "must be an object, not a string")]
    [InlineData("""{"type": "track", "event": "x", "userId": "1", "context": null}""",
        "context", "must be an object, not null")]
    public void Invalid_message_names_the_field_at_fault(string json, string expectedField, string expectedReason)
    {
        var exception = ParseFails(json);

        Assert.Equal(expectedField, exception.Field);
        Assert.Equal(expectedReason, exception.Reason);
        Assert.Equal($"{expectedField}: {expectedReason}", exception.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_a_format_error()
    {
        var line = Encoding.UTF8.GetBytes("""{"type": "track", "event": "Caf__", "userId": "1"}""");
        var at = Array.IndexOf(line, (byte)'_');
        line[at] = 0xC3;
        line[at + 1] = 0x28;

        var exception = Record.Exception(() => SegmentMessageParser.Parse(line, ReceivedAt));

        Assert.IsType<SegmentFormatException>(exception);
    }

    [Fact]
    public void Text_that_repeats_across_messages_is_one_string_and_escaped_text_is_still_unescaped()
    {
        // A bulk import keeps millions of these; the same page's URL, title and properties are shared, not copied.
        const string Line = """{"type":"page","anonymousId":"a-1","properties":{"path":"/docs"},"context":{"page":{"url":"https://example.com/docs","title":"Docs \u2013 Start"},"userAgent":"Mozilla/5.0"}}""";
        var first = Parse(Line);
        var second = Parse(Line.Replace("a-1", "a-2", StringComparison.Ordinal));

        Assert.Equal(("https://example.com/docs", "Docs – Start", """{"path":"/docs"}"""), (first.Context.Url, first.Context.Title, first.PropertiesJson));
        Assert.Same(first.Context.Url, second.Context.Url);
        Assert.Same(first.Context.UserAgent, second.Context.UserAgent);
        Assert.Same(first.PropertiesJson, second.PropertiesJson);
        Assert.Equal(second.Context.Title, first.Context.Title);
    }

    [Fact]
    public void A_developers_ids_are_shared_across_their_messages_and_message_ids_are_their_own()
    {
        var first = Parse("""{"type":"track","event":"Signed Up","userId":"u-42","anonymousId":"a-42","messageId":"m-1"}""");
        var second = Parse("""{"type":"page","userId":"u-42","anonymousId":"a-42","messageId":"m-2"}""");
        var escaped = Parse("""{"type":"page","userId":"u-\u0034\u0032","messageId":"m-3"}""");

        Assert.Equal([Identity.Create("user", "u-42"), Identity.Create("anonymous", "a-42")], second.Identities);
        Assert.Same(first.Identities[0].Value, second.Identities[0].Value);
        Assert.Same(first.Identities[1].Value, second.Identities[1].Value);
        Assert.Equal(("m-1", "m-2"), (first.MessageId, second.MessageId));
        Assert.Equal(Identity.Create("user", "u-42"), escaped.Primary);
    }

    private static IngestMessage Parse(string json) => SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), ReceivedAt);

    private static SegmentFormatException ParseFails(string json) =>
        Assert.Throws<SegmentFormatException>(() => SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), ReceivedAt));
}
