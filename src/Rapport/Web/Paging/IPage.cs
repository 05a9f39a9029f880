namespace Rapport.Web.Paging;

/// <summary>A <see cref="Page{T}"/> seen without its item type, so that the CSV export can write any page.</summary>
internal interface IPage
{
    IEnumerable<object?> Rows { get; }

    Type ItemType { get; }

    string? Next { get; }
}
