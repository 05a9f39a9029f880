namespace Rapport.Core.Content;

/// <summary>What a content item is. Names in files, JSON and URLs are snake_case (<c>blog_post</c>).</summary>
public enum ContentKind
{
    BlogPost,
    Video,
    Talk,
    Workshop,
    Sample,
    DocsPage,
    Podcast,
    Livestream,
    SocialPost,
}
