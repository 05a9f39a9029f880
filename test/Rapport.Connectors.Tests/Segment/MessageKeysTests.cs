using System.Text;
using Rapport.Connectors.Segment;

namespace Rapport.Connectors.Tests.Segment;

public sealed class MessageKeysTests
{
    [Fact]
    public void The_same_message_id_always_has_the_same_key()
    {
        Assert.Equal(MessageKeys.For("ajs-next-1709546130250"), MessageKeys.For("ajs-next-1709546130250"));
        Assert.NotEqual(MessageKeys.For("ajs-next-1709546130250"), MessageKeys.For("ajs-next-1709546130251"));
    }

    [Theory]
    [InlineData("m-1")]
    [InlineData("größe-😀")]
    public void Key_of_an_id_is_the_key_of_its_utf8_bytes(string messageId)
    {
        Assert.Equal(MessageKeys.ForBytes(Encoding.UTF8.GetBytes(messageId)), MessageKeys.For(messageId));
    }

    [Fact]
    public void Key_of_a_long_non_ascii_id_is_the_key_of_its_utf8_bytes()
    {
        var messageId = string.Concat(Enumerable.Repeat("日本😀", 200));

        Assert.Equal(MessageKeys.ForBytes(Encoding.UTF8.GetBytes(messageId)), MessageKeys.For(messageId));
    }

    [Fact]
    public void Content_id_is_a_hex_hash_of_the_bytes()
    {
        var line = """{"type": "track", "event": "Signed Up", "userId": "usr_42"}"""u8;

        var id = MessageKeys.ContentId(line);

        Assert.Matches("^content:[0-9a-f]{32}$", id);
        Assert.Equal(id, MessageKeys.ContentId(line.ToArray()));
        Assert.NotEqual(id, MessageKeys.ContentId("""{"type": "track", "event": "Signed Up", "userId": "usr_43"}"""u8));
    }
}
