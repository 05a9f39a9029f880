using System.CommandLine;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport links create|list</c>: tracked short links to place in content.</summary>
internal static class LinkCommands
{
    public static Command Create(CommandRunner runner)
    {
        var to = new Option<string>("--to") { Description = "Where the link leads: your docs, sign-up page, repository…", Required = true };
        var content = new Option<long?>("--content") { Description = "The content item the link is placed in" };
        var channel = new Option<string?>("--channel") { Description = "Where the link is placed (becomes utm_source), e.g. dev.to" };
        var campaign = new Option<string?>("--campaign") { Description = "A campaign name (becomes utm_campaign)" };
        var url = new Option<string>("--url")
        {
            Description = "The address rapport serve is reached at, for the printed short link",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        var json = GlobalOptions.Json("the link");
        var create = new Command("create", "Create a tracked short link (/l/SLUG)") { to, content, channel, campaign, url, json };
        runner.Attach(create, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var link = await scope.Store.CreateLinkAsync(
                workspace, scope.Get(to)!, scope.Get(content), scope.Get(channel), scope.Get(campaign), cancellationToken);
            var shortUrl = $"{scope.Get(url)!.TrimEnd('/')}/l/{link.Slug}";
            if (scope.Get(json))
            {
                JsonOutput.Write(new { link.Slug, Url = shortUrl, link.Destination, link.ContentId, link.Channel, link.Campaign, link.CreatedAt });
                return 0;
            }

            Console.Out.WriteLine(shortUrl);
            return 0;
        });

        var listJson = GlobalOptions.Json("the links");
        var list = new Command("list", "The workspace's tracked links") { listJson };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var links = await scope.Store.ListLinksAsync(workspace, cancellationToken);
            if (scope.Get(listJson))
            {
                JsonOutput.Write(links.Select(link => new { link.Slug, link.Destination, link.ContentId, link.Channel, link.Campaign, link.CreatedAt }));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Slug").AddColumn("Destination").AddColumn("Content")
                .AddColumn("Channel").AddColumn("Campaign");
            foreach (var link in links)
            {
                table.AddRow(link.Slug, Markup.Escape(link.Destination), link.ContentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(link.Channel ?? ""), Markup.Escape(link.Campaign ?? ""));
            }

            AnsiConsole.Write(table);
            return 0;
        });

        return new Command("links", "Tracked links: where readers go from your content") { create, list };
    }
}
