using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Community;
using Rapport.Storage;
using Rapport.Web.Dashboard.Charts;

namespace Rapport.Web.Dashboard.Pages;

/// <summary>
/// The community: members per level over the last 12 months, who moved, heroes, hero candidates and the recognition
/// log. Editors name heroes and log recognition; viewers look.
/// </summary>
internal sealed class CommunityModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public int HeroesPage { get; set; }

    [BindProperty(SupportsGet = true)]
    public int CandidatesPage { get; set; }

    [BindProperty(SupportsGet = true)]
    public int RecognitionsPage { get; set; }

    public LevelReport Levels { get; private set; } = new(null, new LevelCounts(0, 0, 0), []);

    public IReadOnlyList<ChartSeries> LevelSeries { get; private set; } = [];

    public (IReadOnlyList<CommunityMember> Members, long Total) Heroes { get; private set; } = ([], 0);

    public (IReadOnlyList<CommunityMember> Members, long Total) Candidates { get; private set; } = ([], 0);

    public (IReadOnlyList<Recognition> Recognitions, long Total) Recognitions { get; private set; } = ([], 0);

    /// <summary>The members who moved, latest month first.</summary>
    public IReadOnlyList<(string Month, LevelMove Move)> Moves { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Levels = await Store.GetLevelReportAsync(Workspace, 10, cancellationToken);
        LevelSeries =
        [
            new("Passive", [.. Levels.Months.Select(m => (double)m.Passive)]),
            new("Active", [.. Levels.Months.Select(m => (double)m.Active)]),
            new("Hero", [.. Levels.Months.Select(m => (double)m.Hero)]),
        ];
        Moves = [.. Levels.Months.Reverse().SelectMany(month => month.Moved.Select(move => (month.Month, move)))];
        Heroes = await Store.ListCommunityMembersAsync(Workspace, CommunityList.Heroes, Math.Max(0, HeroesPage) * PageSize, PageSize, cancellationToken);
        Candidates = await Store.ListCommunityMembersAsync(Workspace, CommunityList.Candidates, Math.Max(0, CandidatesPage) * PageSize, PageSize, cancellationToken);
        Recognitions = await Store.ListRecognitionsAsync(Workspace, null, Math.Max(0, RecognitionsPage) * PageSize, PageSize, cancellationToken);
    }

    public async Task<IActionResult> OnGetLevelsCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var report = await Store.GetLevelReportAsync(Workspace, 0, cancellationToken);
        return Csv("levels", ["month", "passive", "active", "hero", "promotions", "demotions"],
            report.Months.Select(m => (IReadOnlyList<object?>)[m.Month, m.Passive, m.Active, m.Hero, m.Promotions, m.Demotions]));
    }

    public async Task<IActionResult> OnGetMovesCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var report = await Store.GetLevelReportAsync(Workspace, 1000, cancellationToken);
        return Csv("level-moves", ["month", "member_id", "name", "identity", "from", "to"],
            report.Months.SelectMany(m => m.Moved.Select(move => (IReadOnlyList<object?>)
                [m.Month, move.MemberId, move.Name, move.Identity, CommunityLevels.Name(move.From), CommunityLevels.Name(move.To)])));
    }

    public Task<IActionResult> OnGetHeroesCsvAsync(CancellationToken cancellationToken) => MembersCsvAsync("heroes", CommunityList.Heroes, cancellationToken);

    public Task<IActionResult> OnGetCandidatesCsvAsync(CancellationToken cancellationToken) =>
        MembersCsvAsync("hero-candidates", CommunityList.Candidates, cancellationToken);

    public async Task<IActionResult> OnGetRecognitionsCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var (recognitions, _) = await Store.ListRecognitionsAsync(Workspace, null, 0, 1000, cancellationToken);
        return Csv("recognitions", ["given_on", "member_id", "developer", "kind", "note", "by"],
            recognitions.Select(r => (IReadOnlyList<object?>)[r.GivenOn, r.MemberId, r.MemberName, r.Kind, r.Note, r.By]));
    }

    public Task<IActionResult> OnPostHeroAsync(long memberId, bool hero, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(
            () => Store.NominateHeroAsync(Workspace, memberId, hero, UserClaims.Email(User), reason ?? "", cancellationToken),
            hero ? "Named a hero." : "The hero title was removed.");

    public Task<IActionResult> OnPostRecognizeAsync(long memberId, string? kind, string? note, string? givenOn, CancellationToken cancellationToken) =>
        ChangeAsync(
            () => Store.AddRecognitionAsync(Workspace, memberId, kind ?? "", note,
                DateOnly.TryParse(givenOn, System.Globalization.CultureInfo.InvariantCulture, out var date) ? date
                    : throw new FormatException("give the date the recognition was given"),
                UserClaims.Email(User), cancellationToken),
            "Recognition logged.");

    /// <summary>Runs a change for editors and owners; a viewer's post is refused before anything is written.</summary>
    private async Task<IActionResult> ChangeAsync(Func<Task> change, string done)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(HttpContext.RequestAborted);
        try
        {
            await change();
            Flash = done;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Flash = e.Message;
        }
        catch (MemberNotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage();
    }

    private async Task<IActionResult> MembersCsvAsync(string name, CommunityList list, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var (members, _) = await Store.ListCommunityMembersAsync(Workspace, list, 0, 1000, cancellationToken);
        return Csv(name, ["member_id", "name", "identity", "level", "score", "advocacy_90_days", "last_activity", "candidate_since", "nominated"],
            members.Select(m => (IReadOnlyList<object?>)
                [m.MemberId, m.Name, m.Identity, CommunityLevels.Name(m.Level), Math.Round(m.Score, 2), m.RecentAdvocacy, m.LastActivity, m.CandidateSince, m.Nominated]));
    }
}
