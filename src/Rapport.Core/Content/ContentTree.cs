namespace Rapport.Core.Content;

/// <summary>
/// A workspace's reuse forest: which item was made from which. Answers the questions reports and edits ask: the
/// root an item rolls up to, the items under it, and whether a new parent would make a cycle.
/// </summary>
public sealed class ContentTree
{
    private readonly Dictionary<long, ContentItem> _items;
    private readonly Dictionary<long, List<ContentItem>> _children = [];

    public ContentTree(IEnumerable<ContentItem> items)
    {
        _items = items.ToDictionary(item => item.Id);
        foreach (var item in _items.Values.OrderBy(item => item.Published ?? DateTime.MaxValue).ThenBy(item => item.Id))
        {
            if (item.ParentId is { } parent && _items.ContainsKey(parent))
            {
                if (!_children.TryGetValue(parent, out var list))
                {
                    _children[parent] = list = [];
                }

                list.Add(item);
            }
        }
    }

    public ContentItem? Find(long id) => _items.GetValueOrDefault(id);

    /// <summary>The item at the top of the tree <paramref name="id"/> is in (itself when it has no parent).</summary>
    public long RootOf(long id)
    {
        var current = id;
        var seen = new HashSet<long>();
        while (_items.TryGetValue(current, out var item) && item.ParentId is { } parent && _items.ContainsKey(parent) && seen.Add(current))
        {
            current = parent;
        }

        return current;
    }

    /// <summary>The item's tree from its root, children in publication order.</summary>
    public ContentTreeNode TreeOf(long id) => Node(RootOf(id), []);

    /// <summary>Every root, each with its tree.</summary>
    public IEnumerable<ContentTreeNode> Roots() =>
        _items.Values.Where(item => RootOf(item.Id) == item.Id).OrderBy(item => item.Id).Select(item => Node(item.Id, []));

    /// <summary>Whether making <paramref name="parentId"/> the parent of <paramref name="id"/> would make the item its own ancestor.</summary>
    public bool WouldCycle(long id, long parentId)
    {
        var current = (long?)parentId;
        var steps = 0;
        while (current is { } at && steps++ <= _items.Count)
        {
            if (at == id)
            {
                return true;
            }

            current = _items.GetValueOrDefault(at)?.ParentId;
        }

        return false;
    }

    private ContentTreeNode Node(long id, HashSet<long> visiting)
    {
        visiting.Add(id);
        var children = _children.TryGetValue(id, out var list)
            ? list.Where(child => !visiting.Contains(child.Id)).Select(child => Node(child.Id, visiting)).ToList()
            : [];
        return new ContentTreeNode(_items[id], children);
    }
}
