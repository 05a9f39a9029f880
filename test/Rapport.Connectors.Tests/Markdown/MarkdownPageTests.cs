using Rapport.Connectors.Markdown;
using Rapport.Core.Content;

namespace Rapport.Connectors.Tests.Markdown;

/// <summary>What a Markdown file keeps for the docs-gap analysis: its text after the front matter.</summary>
public sealed class MarkdownPageTests
{
    [Fact]
    public void A_page_keeps_its_text_after_the_front_matter()
    {
        var page = MarkdownPage.Read("webhooks.md", "---\ntitle: Webhooks\n---\n# Webhooks\n\nVerify the signature.\n", ContentKind.DocsPage, "docs", null, null);

        Assert.Equal(("Webhooks", "# Webhooks\n\nVerify the signature."), (page.Content!.Fields.Title, page.Content.Text));
    }

    [Fact]
    public void A_docs_page_without_front_matter_is_a_page_when_it_has_a_heading_but_on_a_blog_it_is_not()
    {
        const string Text = "# Rate limits\n\nYou may call the API 100 times a minute.\n";

        var docs = MarkdownPage.Read("limits.md", Text, ContentKind.DocsPage, "docs", null, new Uri("https://docs.example.com/"));
        var blog = MarkdownPage.Read("limits.md", Text, ContentKind.BlogPost, "blog", null, null);
        var bare = MarkdownPage.Read("notes.md", "Just notes.\n", ContentKind.DocsPage, "docs", null, null);

        Assert.Equal(("Rate limits", "# Rate limits\n\nYou may call the API 100 times a minute."), (docs.Content!.Fields.Title, docs.Content.Text));
        Assert.Null(blog.Content);
        Assert.Null(bare.Content);
    }
}
