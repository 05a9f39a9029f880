using System.Text;
using System.Text.Json;
using Rapport.Connectors.Segment;

namespace Rapport.Tests.Web;

/// <summary>
/// Top-level fields the parser does not know are kept in the properties, which is where HTTP clients that put
/// custom fields beside the Segment ones (as some server-side libraries do) expect to find them.
/// </summary>
public sealed class SegmentMessageParserUnknownFieldsTests
{
    private static readonly DateTime ReceivedAt = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Unknown_fields_follow_the_properties_and_the_properties_own_keys_win()
    {
        var properties = PropertiesOf("""
            {"type":"track","userId":"a","event":"x","plan":"pro","seats":5,"tags":["a","b"],"properties":{"plan":"enterprise","n":1}}
            """);

        Assert.Equal("""{"plan":"enterprise","n":1,"seats":5,"tags":["a","b"]}""", properties);
    }

    [Fact]
    public void Segments_envelope_fields_are_not_properties()
    {
        var properties = PropertiesOf("""
            {"type":"track","userId":"a","event":"x","integrations":{"All":false},"version":2,"channel":"server",
             "_metadata":{"bundled":[]},"writeKey":"rpk_x","sentAt":"2026-01-01T00:00:00Z","receivedAt":"2026-01-01T00:00:00Z",
             "context":{"ip":"203.0.113.1"},"options":{},"projectId":"p","extra":true}
            """);

        Assert.Equal("""{"extra":true}""", properties);
    }

    [Fact]
    public void Without_unknown_fields_the_properties_are_kept_exactly_as_sent()
    {
        Assert.Equal("""{ "b": 1,  "a": [1, 2] }""", PropertiesOf("""{"type":"track","userId":"a","event":"x","properties":{ "b": 1,  "a": [1, 2] }}"""));
        Assert.Null(PropertiesOf("""{"type":"track","userId":"a","event":"x","channel":"browser"}"""));
    }

    [Fact]
    public void Escaped_field_names_are_unescaped_once()
    {
        using var properties = JsonDocument.Parse(PropertiesOf("""{"type":"page","anonymousId":"v","caf\u00e9":"\"latte\"","a\\b":null}""")!);

        Assert.Equal("\"latte\"", properties.RootElement.GetProperty("café").GetString());
        Assert.Equal(JsonValueKind.Null, properties.RootElement.GetProperty("a\\b").ValueKind);
    }

    private static string? PropertiesOf(string json) =>
        SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), ReceivedAt).PropertiesJson;
}
