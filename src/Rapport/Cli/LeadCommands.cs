using System.CommandLine;
using System.Text;
using Rapport.Connectors.Segment;
using Rapport.Core.Leads;
using Rapport.Leads;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport leads refresh|list|update|export|criteria</c>: DevRel-qualified leads and their handoff to sales
/// (docs/leads.md). Never a revenue figure.
/// </summary>
internal static class LeadCommands
{
    public static Command Create(CommandRunner runner) =>
        new("leads", "DevRel-qualified leads: organizations whose developers got far enough to hand to sales")
        {
            RefreshCommand(runner),
            ListCommand(runner),
            UpdateCommand(runner),
            ExportCommand(runner),
            new Command("criteria", "When an organization or developer is a lead") { SetCriteriaCommand(runner), ShowCriteriaCommand(runner) },
        };

    private static Option<string?> StatusFilter() => new("--status")
    {
        Description = "Only leads with this status: new, handed_off, accepted or rejected",
    };

    private static Command RefreshCommand(CommandRunner runner)
    {
        var json = GlobalOptions.Json("what the refresh found");
        var refresh = new Command("refresh", "Find the leads the criteria give now; new ones are announced with drql.created") { json };
        runner.Attach(refresh, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var result = await scope.Store.RefreshLeadsAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(result);
                return 0;
            }

            PrintRefresh(result);
            return 0;
        });
        return refresh;
    }

    private static Command ListCommand(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the leads with their developers and status history");
        var status = StatusFilter();
        var list = new Command("list", "List the leads, newest first: who, why, and where the handoff stands") { status, json };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var leads = await scope.Store.ListLeadsAsync(workspace, ParseStatus(scope.Get(status)), cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(leads);
                return 0;
            }

            if (leads.Count == 0)
            {
                AnsiConsole.MarkupLine("No leads. rapport leads refresh finds them; rapport leads criteria show says what qualifies.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Id").AddColumn("Lead").AddColumn("Why").AddColumn("Status").AddColumn("Qualified").AddColumn("Changed by");
            foreach (var lead in leads)
            {
                table.AddRow(
                    $"{lead.Id}", $"{Markup.Escape(lead.Name)}{(lead.Kind == LeadKind.Developer ? " (developer)" : "")}",
                    Markup.Escape(lead.Reason) + (lead.Qualifies ? "" : $" [dim](no longer since {lead.LapsedAt:yyyy-MM-dd})[/]"),
                    LeadStatuses.Name(lead.Status), $"{lead.FirstQualifiedAt:yyyy-MM-dd}", Markup.Escape(lead.StatusChangedBy ?? ""));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command UpdateCommand(CommandRunner runner)
    {
        var id = new Argument<long>("ID") { Description = "The lead's number, as leads list shows it" };
        var status = new Option<string>("--status") { Description = "new, handed_off, accepted or rejected", Required = true };
        var note = new Option<string?>("--note") { Description = "Why, or what was agreed (kept with the change)" };
        var by = new Option<string>("--by")
        {
            Description = "Who made the change (default: your user name)",
            DefaultValueFactory = _ => Environment.UserName,
        };
        var update = new Command("update", "Set a lead's handoff status, with a note") { id, status, note, by };
        runner.Attach(update, async (scope, cancellationToken) =>
        {
            var newStatus = ParseStatus(scope.Get(status)) ?? throw new CliException("--status needs a value");
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var lead = await scope.Store.UpdateLeadStatusAsync(workspace, scope.Get(id), newStatus, scope.Get(note), scope.Get(by)!, cancellationToken)
                ?? throw new CliException($"workspace '{workspace.Slug}' has no lead {scope.Get(id)}; rapport leads list shows them");
            AnsiConsole.MarkupLine($"Lead {lead.Id} ([bold]{Markup.Escape(lead.Name)}[/]) is now {LeadStatuses.Name(lead.Status)}.");
            return 0;
        });
        return update;
    }

    private static Command ExportCommand(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "The CSV file to write (- for standard output)" };
        var status = StatusFilter();
        var export = new Command("export", "Write the leads as CSV, for a CRM or a spreadsheet") { file, status };
        runner.Attach(export, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var leads = await scope.Store.ListLeadsAsync(workspace, ParseStatus(scope.Get(status)), cancellationToken);
            var csv = LeadCsv.Write(leads);
            var path = scope.Get(file)!;
            if (path == "-")
            {
                await using var output = Console.OpenStandardOutput();
                await output.WriteAsync(csv, cancellationToken);
                return 0;
            }

            // Written whole or not at all: a half-written export would look like fewer leads.
            var partial = path + ".partial";
            await File.WriteAllBytesAsync(partial, csv, cancellationToken);
            File.Move(partial, path, overwrite: true);
            AnsiConsole.MarkupLine($"Wrote {leads.Count} leads to [bold]{Markup.Escape(path)}[/].");
            return 0;
        });
        return export;
    }

    private static Command SetCriteriaCommand(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A criteria JSON file (see docs/leads.md)" };
        var set = new Command("set", "Replace the lead criteria, then refresh the leads") { file };
        runner.AttachAudited(set, "SetLeadCriteria", async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            LeadCriteria criteria;
            try
            {
                criteria = LeadCriteria.Parse(await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken));
            }
            catch (LeadCriteriaException e)
            {
                throw new ImportLineException(path, e.Line, e.Reason);
            }

            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            await scope.Store.SetLeadCriteriaAsync(workspace, criteria, cancellationToken);
            AnsiConsole.MarkupLine($"Lead criteria set for [bold]{Markup.Escape(workspace.Slug)}[/].");
            PrintRefresh(await scope.Store.RefreshLeadsAsync(workspace, cancellationToken));
            return 0;
        });
        return set;
    }

    private static Command ShowCriteriaCommand(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the criteria");
        var show = new Command("show", "Show the lead criteria in force") { json };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.Store.FindWorkspaceAsync(scope.WorkspaceSlug, cancellationToken);
            var criteria = workspace is null ? LeadCriteria.Default : await scope.Store.GetLeadCriteriaAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                await Console.Out.WriteLineAsync(criteria.ToJson());
                return 0;
            }

            AnsiConsole.MarkupLine("An organization is a lead when any of these holds:");
            foreach (var rule in criteria.Rules)
            {
                AnsiConsole.MarkupLine($"  at least {rule.Developers} of its developers at {Core.Journey.JourneyStages.Name(rule.Stage)} or beyond");
            }

            AnsiConsole.MarkupLine(criteria.ActiveWithinDays is { } days
                ? $"Only developers active in the last {days} days count."
                : "Every developer counts, however long ago they were active.");
            AnsiConsole.MarkupLine(criteria.DevelopersWithoutOrganization
                ? "A developer with no known organization is a lead alone when a rule needs only one developer."
                : "Developers with no known organization are never leads.");
            return 0;
        });
        return show;
    }

    private static void PrintRefresh(LeadRefreshResult result)
    {
        AnsiConsole.MarkupLine(
            $"{result.Qualifying} leads qualify; {result.Created.Count} new, {result.Lapsed} no longer qualify.");
        foreach (var lead in result.Created)
        {
            AnsiConsole.MarkupLine($"  new lead {lead.Id}: [bold]{Markup.Escape(lead.Name)}[/] — {Markup.Escape(lead.Reason)}");
        }
    }

    private static LeadStatus? ParseStatus(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : LeadStatuses.TryParse(name, out var status) ? status
        : throw new CliException($"'{name}' is not a lead status: use new, handed_off, accepted or rejected");
}
