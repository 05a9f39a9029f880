using System.CommandLine;
using Rapport.Connectors.Feeds;
using Rapport.Connectors.Markdown;
using Rapport.Core.Content;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import feed</c> and <c>rapport import markdown</c>: content items from feeds and Markdown sites.</summary>
internal static class ContentImportCommands
{
    public static Command Feed(CommandRunner runner)
    {
        var source = new Argument<string>("FILE|URL") { Description = "An RSS 2.0, RSS 1.0 or Atom feed: a file, or an http(s) URL" };
        var kind = new Option<string?>("--kind") { Description = "The kind of every entry (default: podcast for a podcast feed, else blog_post)" };
        var channel = new Option<string?>("--channel") { Description = "The channel (default: the host of the feed's site, e.g. dev.to)" };
        var party = new Option<string?>("--party") { Description = "first_party or third_party" };
        var command = new Command("feed", "Import a feed's entries into the content catalog (again: only new entries are added)")
        {
            source, kind, channel, party,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var location = scope.Get(source)!;
            var contentKind = scope.Get(kind) is { } k ? ContentNames.ParseKind(k) : (ContentKind?)null;
            var channelParty = scope.Get(party) is { } p ? ContentNames.ParseParty(p) : (ChannelParty?)null;
            Stream input;
            try
            {
                input = FeedDownload.IsUrl(location)
                    ? await FeedDownload.FetchAsync(location, scope.Settings.Security.AllowPrivateNetworkUrls, cancellationToken)
                    : new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read);
            }
            catch (FeedFetchException e)
            {
                throw new CliException(e.Message);
            }

            await using (input)
            {
                var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
                var (feed, summary) = await new FeedImport(scope.Store).ImportAsync(
                    workspace, input, location, contentKind, scope.Get(channel), channelParty, cancellationToken);
                AnsiConsole.MarkupLine($"{Markup.Escape(feed.Title ?? location)} ({feed.Format}): {feed.Entries.Count:N0} entries");
                PrintSummary(summary);
            }

            return 0;
        });
        return command;
    }

    public static Command Markdown(CommandRunner runner)
    {
        var directory = new Argument<string>("DIR") { Description = "A folder of Markdown files with YAML (---) or TOML (+++) front matter" };
        var channel = new Option<string?>("--channel") { Description = "The channel of every page (e.g. blog, docs)" };
        var baseUrl = new Option<string?>("--base-url") { Description = "Where the site is served; pages without a canonical URL get this plus their path" };
        var kind = new Option<string?>("--kind") { Description = "The kind of every page (default blog_post)" };
        var party = new Option<string?>("--party") { Description = "first_party or third_party" };
        var drafts = new Option<bool>("--drafts") { Description = "Import drafts too" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the readable files and list the others, instead of stopping at the first" };
        var command = new Command("markdown", "Import a Hugo, Jekyll or Docusaurus site's pages into the content catalog")
        {
            directory, channel, baseUrl, kind, party, drafts, skipInvalid,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            Uri? site = null;
            if (scope.Get(baseUrl) is { } text)
            {
                site = Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                    ? parsed
                    : throw new CliException($"--base-url '{text}' is not an http or https address");
            }

            var options = new MarkdownImportOptions(
                scope.Get(kind) is { } k ? ContentNames.ParseKind(k) : ContentKind.BlogPost,
                scope.Get(channel),
                scope.Get(party) is { } p ? ContentNames.ParseParty(p) : null,
                site,
                scope.Get(drafts));
            var skip = scope.Get(skipInvalid);
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var result = await new MarkdownImport(scope.Store).ImportAsync(
                workspace, scope.Get(directory)!, options, skip, rejected => Console.Error.WriteLine(rejected + " (skipped)"), cancellationToken);
            AnsiConsole.MarkupLine(
                $"{result.Files:N0} Markdown files: {result.DraftsSkipped:N0} drafts skipped, {result.WithoutFrontMatter:N0} without front matter" +
                (skip ? $", {result.Rejected:N0} rejected" : ""));
            PrintSummary(result.Summary);
            return 0;
        });
        return command;
    }

    private static void PrintSummary(ContentImportSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Content").AddColumn(new TableColumn("Items").RightAligned());
        table.AddRow("added", $"{summary.Added:N0}");
        table.AddRow("updated", $"{summary.Updated:N0}");
        table.AddRow("unchanged", $"{summary.Unchanged:N0}");
        AnsiConsole.Write(table);
    }
}
