namespace Rapport.Web.Paging;

/// <summary>
/// One page of a list endpoint, the one envelope every list answers: the items in the list's order, and the cursor that
/// asks for the rest (<c>null</c> on the last page).
/// </summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next) : IPage
{
    IEnumerable<object?> IPage.Rows => Items.Cast<object?>();

    Type IPage.ItemType => typeof(T);
}
