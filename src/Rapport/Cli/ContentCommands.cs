using System.CommandLine;
using System.Globalization;
using Rapport.Core.Content;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport content add|edit|list|show</c>: the content catalog and its reuse trees.</summary>
internal static class ContentCommands
{
    public static Command Create(CommandRunner runner)
    {
        var fields = new FieldOptions();
        var addJson = GlobalOptions.Json("the new item");
        var add = new Command("add", "Add a content item to the catalog") { addJson };
        fields.AddTo(add);
        runner.Attach(add, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var item = await scope.Store.AddContentAsync(workspace, fields.Read(scope), cancellationToken);
            Print(item, scope.Get(addJson), "Added");
            return 0;
        });

        var editId = new Argument<long>("ID") { Description = "The item's id, as content list shows it" };
        var noParent = new Option<bool>("--no-parent") { Description = "Make the item the root of its own tree" };
        var editJson = GlobalOptions.Json("the changed item");
        var edit = new Command("edit", "Change fields of a content item; fields not given stay as they are") { editId, noParent, editJson };
        var changed = new FieldOptions();
        changed.AddTo(edit);
        runner.Attach(edit, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var id = scope.Get(editId);
            var changes = changed.Read(scope) with { ClearParent = scope.Get(noParent) };
            var item = await scope.Store.UpdateContentAsync(workspace, id, changes, cancellationToken)
                ?? throw new CliException($"there is no content item {id} in workspace '{workspace.Slug}'");
            Print(item, scope.Get(editJson), "Changed");
            return 0;
        });

        var kind = new Option<string?>("--kind") { Description = "Only items of this kind" };
        var channel = new Option<string?>("--channel") { Description = "Only items on this channel" };
        var tag = new Option<string?>("--tag") { Description = "Only items with this tag" };
        var search = new Option<string?>("--search") { Description = "Only items whose title or URL contains this" };
        var listJson = GlobalOptions.Json("the items");
        var list = new Command("list", "List the catalog's items") { kind, channel, tag, search, listJson };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var query = new ContentQuery
            {
                Kind = scope.Get(kind) is { } k ? ContentNames.ParseKind(k) : null,
                Channel = scope.Get(channel),
                Tag = scope.Get(tag),
                Search = scope.Get(search),
            };
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var items = (await scope.Store.ListContentAsync(workspace, cancellationToken)).Where(query.Matches).ToList();
            if (scope.Get(listJson))
            {
                JsonOutput.Write(items);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("Id").RightAligned()).AddColumn("Kind")
                .AddColumn("Title").AddColumn("Channel").AddColumn("Published").AddColumn("Parent").AddColumn("Tags");
            foreach (var item in items)
            {
                table.AddRow(
                    item.Id.ToString(CultureInfo.InvariantCulture), ContentNames.Name(item.Kind), Markup.Escape(item.Title),
                    Markup.Escape(item.Channel ?? ""), item.Published is { } published ? published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                    item.ParentId is { } parent ? $"{parent} ({ContentNames.Name(item.Reuse!.Value)})" : "", Markup.Escape(string.Join(", ", item.Tags)));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{items.Count:N0} item(s)[/]");
            return 0;
        });

        var showId = new Argument<long>("ID") { Description = "The item's id" };
        var showJson = GlobalOptions.Json("the item and its reuse tree");
        var show = new Command("show", "Show an item and the reuse tree it belongs to") { showId, showJson };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var id = scope.Get(showId);
            var tree = new ContentTree(await scope.Store.ListContentAsync(workspace, cancellationToken));
            var item = tree.Find(id) ?? throw new CliException($"there is no content item {id} in workspace '{workspace.Slug}'");
            var detail = new ContentDetail(item, tree.TreeOf(id));
            if (scope.Get(showJson))
            {
                JsonOutput.Write(detail);
                return 0;
            }

            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("[bold]Content[/]", $"{item.Id}: {Markup.Escape(item.Title)}");
            grid.AddRow("Kind", ContentNames.Name(item.Kind));
            grid.AddRow("URLs", Markup.Escape(string.Join("\n", item.Urls)));
            grid.AddRow("Channel", Markup.Escape(item.Channel ?? "") + (item.Party is { } party ? $" ({ContentNames.Name(party)})" : ""));
            grid.AddRow("Published", item.Published is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "");
            grid.AddRow("Authors", Markup.Escape(string.Join(", ", item.Authors)));
            grid.AddRow("Tags", Markup.Escape(string.Join(", ", item.Tags)));
            grid.AddRow("Effort", item.EffortHours is { } hours ? $"{hours:0.##} h" : "");
            grid.AddRow("Source", item.Source);
            AnsiConsole.Write(grid);
            var root = new Tree(Label(detail.Tree.Item, id));
            AddChildren(root, detail.Tree, id);
            AnsiConsole.Write(root);
            return 0;
        });

        return new Command("content", "The content catalog: posts, videos, talks, samples and how they are reused") { add, edit, list, show };
    }

    private static void Print(ContentItem item, bool json, string verb)
    {
        if (json)
        {
            JsonOutput.Write(item);
            return;
        }

        Console.Out.WriteLine($"{verb} content item {item.Id}: {item.Title}");
    }

    private static string Label(ContentItem item, long selected) =>
        (item.Id == selected ? "[bold]" : "") + Markup.Escape($"{item.Id} {ContentNames.Name(item.Kind)}: {item.Title}")
        + (item.Channel is { } channel ? Markup.Escape($" [{channel}]") : "")
        + (item.Reuse is { } reuse ? $" [grey]({ContentNames.Name(reuse)})[/]" : "") + (item.Id == selected ? "[/]" : "");

    private static void AddChildren(IHasTreeNodes parent, ContentTreeNode node, long selected)
    {
        foreach (var child in node.Children)
        {
            AddChildren(parent.AddNode(Label(child.Item, selected)), child, selected);
        }
    }

    /// <summary>The fields <c>add</c> and <c>edit</c> share.</summary>
    private sealed class FieldOptions
    {
        private readonly Option<string?> _kind = new("--kind") { Description = "blog_post, video, talk, workshop, sample, docs_page, podcast, livestream, social_post" };
        private readonly Option<string?> _title = new("--title") { Description = "The title" };
        private readonly Option<string[]> _url = new("--url") { Description = "Where it is published (repeatable; the first is canonical)", Arity = ArgumentArity.ZeroOrMore };
        private readonly Option<string?> _channel = new("--channel") { Description = "Where: blog, dev.to, dzone, youtube, a conference…" };
        private readonly Option<string?> _party = new("--party") { Description = "first_party (your own property) or third_party" };
        private readonly Option<string?> _published = new("--published") { Description = "When it was published: 2026-03-01 or an ISO 8601 time" };
        private readonly Option<string[]> _author = new("--author") { Description = "An author (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        private readonly Option<string[]> _tag = new("--tag") { Description = "A tag: language, platform, topic, ICP (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        private readonly Option<double?> _effort = new("--effort-hours") { Description = "Hours it took to make" };
        private readonly Option<long?> _parent = new("--parent") { Description = "The id of the item this one was made from" };
        private readonly Option<string?> _reuse = new("--reuse") { Description = "How it reuses the parent: redelivery, syndication, translation, adaptation" };
        private readonly Option<string?> _description = new("--description") { Description = "A short description" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _kind, _title, _url, _channel, _party, _published, _author, _tag, _effort, _parent, _reuse, _description })
            {
                command.Options.Add(option);
            }
        }

        public ContentFields Read(CommandScope scope) => new()
        {
            Kind = scope.Get(_kind) is { } kind ? ContentNames.ParseKind(kind) : null,
            Title = scope.Get(_title),
            Urls = scope.Get(_url) is { Length: > 0 } urls ? urls : null,
            Channel = scope.Get(_channel),
            Party = scope.Get(_party) is { } party ? ContentNames.ParseParty(party) : null,
            Published = scope.Get(_published) is { } published ? ParseTime(published) : null,
            Authors = scope.Get(_author) is { Length: > 0 } authors ? authors : null,
            Tags = scope.Get(_tag) is { Length: > 0 } tags ? tags : null,
            EffortHours = scope.Get(_effort),
            ParentId = scope.Get(_parent),
            Reuse = scope.Get(_reuse) is { } reuse ? ContentNames.ParseReuse(reuse) : null,
            Description = scope.Get(_description),
        };

        private static DateTime ParseTime(string text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time.UtcDateTime
                : throw new CliException($"--published '{text}' is not a date (2026-03-01) or an ISO 8601 time");
    }
}
