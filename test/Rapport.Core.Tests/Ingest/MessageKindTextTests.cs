using Rapport.Core.Ingest;

namespace Rapport.Core.Tests.Ingest;

public sealed class MessageKindTextTests
{
    [Theory]
    [InlineData(MessageKind.Track, "track")]
    [InlineData(MessageKind.Page, "page")]
    [InlineData(MessageKind.Screen, "screen")]
    [InlineData(MessageKind.Identify, "identify")]
    [InlineData(MessageKind.Alias, "alias")]
    [InlineData(MessageKind.Group, "group")]
    public void Every_kind_is_stored_as_its_Segment_type(MessageKind kind, string stored) =>
        Assert.Equal(stored, MessageKindText.Of(kind));

    [Fact]
    public void Every_kind_has_a_stored_text() =>
        Assert.All(Enum.GetValues<MessageKind>(), kind => Assert.Equal(kind.ToString().ToLowerInvariant(), MessageKindText.Of(kind)));
}
