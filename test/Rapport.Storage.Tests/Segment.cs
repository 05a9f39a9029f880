using System.Diagnostics.CodeAnalysis;
using System.Text;
using Rapport.Connectors.Segment;
using Rapport.Core.Ingest;

namespace Rapport.Storage.Tests;

/// <summary>Test traffic as Segment sends it: JSON through the real parser, so tests read like real messages.</summary>
internal static class Segment
{
    /// <summary>When Rapport "received" the messages; the messages in these tests carry their own timestamps.</summary>
    public static DateTime ReceivedAt { get; } = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    public static IngestMessage Message([StringSyntax(StringSyntaxAttribute.Json)] string json) =>
        SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), ReceivedAt);

    public static IngestMessage[] Messages(IEnumerable<string> json) => [.. json.Select(Message)];

    /// <summary>A JSON Lines file of the given lines.</summary>
    public static MemoryStream JsonLines(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
}
