using Rapport.Connectors.StackExchange;

namespace Rapport.Connectors.Tests.StackExchange;

public sealed class HtmlTextTests
{
    [Fact]
    public void Paragraphs_lists_and_code_keep_their_shape_and_entities_are_decoded()
    {
        const string html = "<p>Try <code>a &lt; b</code> first.</p>\n\n<ul>\n<li>one</li>\n<li>two &amp; three</li>\n</ul>\n\n"
            + "<pre><code>if (x)\n    return;\n</code></pre>\n<p>Line<br>break <img src=\"x.png\" alt=\"a > b\"> done.</p>";

        Assert.Equal("Try a < b first.\n\n- one\n- two & three\n\nif (x)\n    return;\n\nLine\nbreak  done.", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void Text_that_only_looks_like_a_tag_is_kept()
    {
        Assert.Equal("1 < 2 and x <3", HtmlText.ToPlainText("1 < 2 and x <3"));
        Assert.Equal("an <unclosed tag", HtmlText.ToPlainText("an <unclosed tag"));
    }
}
