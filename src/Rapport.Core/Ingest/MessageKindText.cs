namespace Rapport.Core.Ingest;

/// <summary>
/// How a message kind is stored: its Segment type in lower case (<c>identify</c>). Constant strings, because every
/// identify, alias and group message of an import is written with one and <c>ToString</c> made two strings each.
/// </summary>
public static class MessageKindText
{
    public static string Of(MessageKind kind) => kind switch
    {
        MessageKind.Track => "track",
        MessageKind.Page => "page",
        MessageKind.Screen => "screen",
        MessageKind.Identify => "identify",
        MessageKind.Alias => "alias",
        MessageKind.Group => "group",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a Segment message type"),
    };
}
