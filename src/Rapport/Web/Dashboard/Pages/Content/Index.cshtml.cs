using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Content;
using Rapport.Core.Reach;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Content;

internal sealed class ContentModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public string? Error { get; private set; }

    public IReadOnlyList<ContentItem> Items { get; private set; } = [];

    public IReadOnlyList<string> Channels { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>Each item's reach, by id: the same report as <c>rapport report content</c>.</summary>
    public IReadOnlyDictionary<long, ContentReach> Reach { get; private set; } = new Dictionary<long, ContentReach>();

    /// <summary>The channel comparison: the same report as <c>rapport report channels</c>.</summary>
    public IReadOnlyList<ContentReach> ChannelReach { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var matching = await LoadAsync(cancellationToken);
        Total = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Items = [.. matching.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var matching = await LoadAsync(cancellationToken);
        return Csv("content",
            ["id", "kind", "title", "url", "channel", "party", "published", "tags", "authors", "effort_hours", "parent_id", "reuse", "views", "validated",
                "click_throughs", "identified_developers"],
            matching.Select(item => (IReadOnlyList<object?>)
            [
                item.Id, ContentNames.Name(item.Kind), item.Title, item.Url, item.Channel, item.Party is { } party ? ContentNames.Name(party) : null,
                item.Published, string.Join(' ', item.Tags), string.Join("; ", item.Authors), item.EffortHours, item.ParentId,
                item.Reuse is { } reuse ? ContentNames.Name(reuse) : null, Reach[item.Id].Views, Reach[item.Id].Validated, Reach[item.Id].ClickThroughs,
                Reach[item.Id].IdentifiedDevelopers,
            ]));
    }

    public string Link(string? handler, int? page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("handler", handler);
        Add("kind", Kind);
        Add("channel", Channel);
        Add("tag", Tag);
        Add("q", Q);
        Add("p", page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return "/content" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    private async Task<List<ContentItem>> LoadAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var facts = await Store.GetContentReachFactsAsync(Workspace, cancellationToken);
        var all = facts.Items;
        var report = ContentReachReport.Compute(facts, EngagementThresholds.Default);
        Reach = report.Items().ToDictionary(row => row.ContentId!.Value);
        ChannelReach = report.Channels();
        Channels = [.. all.Select(item => item.Channel).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
        ContentQuery query;
        try
        {
            query = new ContentQuery
            {
                Kind = string.IsNullOrWhiteSpace(Kind) ? null : ContentNames.ParseKind(Kind),
                Channel = Channel,
                Tag = Tag,
                Search = Q,
            };
        }
        catch (FormatException e)
        {
            Error = e.Message;
            query = new ContentQuery();
        }

        // Newest first: what the team published last is what it asks about first.
        return [.. all.Where(query.Matches).OrderByDescending(item => item.Published ?? item.CreatedAt).ThenByDescending(item => item.Id)];
    }
}
