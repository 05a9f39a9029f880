namespace Rapport.Core.Content;

/// <summary>An item and the items made from it, recursively.</summary>
public sealed record ContentTreeNode(ContentItem Item, IReadOnlyList<ContentTreeNode> Children)
{
    /// <summary>The item and everything made from it, depth first.</summary>
    public IEnumerable<ContentItem> Items()
    {
        yield return Item;
        foreach (var child in Children)
        {
            foreach (var item in child.Items())
            {
                yield return item;
            }
        }
    }
}
