using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Developers;

internal sealed class DevelopersModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    /// <summary>A CSV download has every matching developer up to this many, not one page.</summary>
    public const int CsvLimit = 100_000;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    /// <summary>Only the developers of this ideal customer profile (docs/icps.md).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Icp { get; set; }

    /// <summary>Only the developers whose first touch was this channel, as the journey funnel filters them.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FirstFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FirstTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public string? Error { get; private set; }

    /// <summary>The journey's filters this list came with (first seen, first touch), in words; null without them.</summary>
    public string? JourneyFilter
    {
        get
        {
            var parts = new List<string>();
            if (FirstFrom is not null || FirstTo is not null)
            {
                parts.Add($"First seen {FirstFrom ?? "…"} to {FirstTo ?? "…"}");
            }

            if (!string.IsNullOrWhiteSpace(Channel))
            {
                parts.Add($"first touch {Channel}");
            }

            return parts.Count == 0 ? null : string.Join(", ", parts);
        }
    }

    public MemberPage Results { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        if (Query() is { } query)
        {
            try
            {
                Results = await Store.ListMembersAsync(Workspace, query, cancellationToken);
            }
            catch (FormatException e)
            {
                Error = e.Message;
            }
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var query = Query() ?? new MemberQuery();
        var rows = new List<IReadOnlyList<object?>>();
        MemberCursor? cursor = null;
        do
        {
            var page = await Store.ListMembersAsync(Workspace, query with { Limit = MemberQuery.MaxLimit, Cursor = cursor }, cancellationToken);
            rows.AddRange(page.Members.Select(member => (IReadOnlyList<object?>)
            [
                member.Id, member.Name, member.Email, member.BestIdentity, member.Organization,
                member.Stage is { } stage ? JourneyStages.Name(stage) : null, member.ActivityCount, member.LastActivity,
            ]));
            cursor = page.Next;
        }
        while (cursor is not null && rows.Count < CsvLimit);

        return Csv("developers", ["id", "name", "email", "identity", "organization", "stage", "activities", "last_activity"], rows);
    }

    public string Link(string? handler, string? cursor)
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
        Add("q", Q);
        Add("stage", Stage);
        Add("level", Level);
        Add("tag", Tag);
        Add("icp", Icp);
        Add("channel", Channel);
        Add("firstFrom", FirstFrom);
        Add("firstTo", FirstTo);
        Add("cursor", cursor);
        return "/developers" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    private MemberQuery? Query()
    {
        try
        {
            JourneyStage? stage = null;
            if (!string.IsNullOrWhiteSpace(Stage))
            {
                stage = JourneyStages.TryParse(Stage, out var parsed) ? parsed : throw new FormatException($"'{Stage}' is not a stage");
            }

            CommunityLevel? level = null;
            if (!string.IsNullOrWhiteSpace(Level))
            {
                level = CommunityLevels.TryParse(Level, out var parsed) ? parsed : throw new FormatException($"'{Level}' is not a level: passive, active or hero");
            }

            return new MemberQuery
            {
                Search = Q,
                Stage = stage,
                Level = level,
                Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag,
                Icp = string.IsNullOrWhiteSpace(Icp) ? null : Icp,
                FirstTouchChannel = string.IsNullOrWhiteSpace(Channel) ? null : Channel,
                FirstActivity = DateRange.Parse(FirstFrom, FirstTo),
                Cursor = string.IsNullOrWhiteSpace(Cursor) ? null : MemberCursor.Parse(Cursor),
            };
        }
        catch (FormatException e)
        {
            Error = e.Message;
            return null;
        }
    }
}
