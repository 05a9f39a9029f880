using Rapport.Core.Content;
using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Core.Reach;

/// <summary>
/// Reach per item, per reuse tree and per channel, computed from <see cref="ContentReachFacts"/>: the one place the
/// formulas live, called by <c>rapport report content|channels</c>, the API and the Content page.
/// </summary>
public sealed class ContentReachReport
{
    /// <summary>How long after touching an item a later journey stage still counts as its doing.</summary>
    public static readonly TimeSpan AttributionWindow = TimeSpan.FromDays(30);

    private readonly Dictionary<long, Tally> _byItem = [];
    private readonly ContentTree _tree;
    private readonly IReadOnlyList<ContentItem> _items;

    private ContentReachReport(ContentReachFacts facts, EngagementThresholds thresholds)
    {
        _items = facts.Items;
        _tree = new ContentTree(facts.Items);
        foreach (var item in facts.Items)
        {
            _byItem[item.Id] = new Tally();
        }

        AddPages(facts);
        AddBeacons(facts, thresholds);
        AddVideos(facts, thresholds);
        AddLinks(facts);
    }

    public static ContentReachReport Compute(ContentReachFacts facts, EngagementThresholds thresholds) => new(facts, thresholds);

    /// <summary>Every item, by id.</summary>
    public IReadOnlyList<ContentReach> Items() =>
        [.. _items.Select(item => Row(item.Id, item.Title, item.Kind, item.Channel, [item]))];

    /// <summary>Every reuse tree rolled up into its root: the root's title, everything made from it added in.</summary>
    public IReadOnlyList<ContentReach> Trees() =>
        [.. _tree.Roots().Select(root => Row(root.Item.Id, root.Item.Title, root.Item.Kind, root.Item.Channel, [.. root.Items()]))];

    /// <summary>Per channel, the items published there added up, most validated reach first.</summary>
    public IReadOnlyList<ContentReach> Channels() =>
        [.. _items.GroupBy(item => item.Channel ?? "(none)", StringComparer.Ordinal)
            .Select(group => Row(null, group.Key, null, group.Key, [.. group]))
            .OrderByDescending(row => row.Validated).ThenBy(row => row.Channel, StringComparer.Ordinal)];

    private ContentReach Row(long? id, string title, ContentKind? kind, string? channel, IReadOnlyList<ContentItem> items)
    {
        var total = new Tally();
        foreach (var item in items)
        {
            total.Add(_byItem[item.Id]);
        }

        var effort = items.Any(item => item.EffortHours is not null) ? items.Sum(item => item.EffortHours ?? 0) : (double?)null;
        return new ContentReach(
            id, title, kind, channel, items.Count, total.Views, total.Human, total.Organic, total.Validated, total.PaidEngaged,
            total.ClickThroughs, total.Developers.Count, total.FirstTouch.Count, total.LastTouch.Count, effort,
            effort is > 0 ? Math.Round(total.Validated / effort.Value, 2) : null);
    }

    private void AddPages(ContentReachFacts facts)
    {
        var byUrl = ItemsByUrl(facts.Items);
        foreach (var page in facts.Pages)
        {
            if (byUrl.TryGetValue(NormaliseUrl(page.Url), out var id))
            {
                var tally = _byItem[id];
                tally.Views += page.Views;
                tally.Human += page.HumanViews;
                tally.Organic += page.OrganicViews;
                tally.Validated += page.ValidatedViews;
                tally.PaidEngaged += page.PaidEngagedViews;
            }
        }
    }

    private void AddBeacons(ContentReachFacts facts, EngagementThresholds thresholds)
    {
        var byUrl = ItemsByUrl(facts.Items);
        var kinds = facts.Items.ToDictionary(item => item.Id, item => item.Kind);
        foreach (var view in facts.Beacons)
        {
            if (byUrl.TryGetValue(NormaliseUrl(view.Url), out var id))
            {
                var traffic = BeaconViews.Classify(view, thresholds.For(kinds[id]));
                var tally = _byItem[id];
                tally.Views++;
                tally.Human += traffic.IsHuman() ? 1 : 0;
                tally.Organic += traffic.IsOrganic() ? 1 : 0;
                tally.Validated += traffic.IsValidated() ? 1 : 0;
                tally.PaidEngaged += traffic.IsPaidEngaged() ? 1 : 0;
            }
        }
    }

    private void AddVideos(ContentReachFacts facts, EngagementThresholds thresholds)
    {
        foreach (var video in facts.Videos)
        {
            var item = facts.Items.FirstOrDefault(candidate => candidate.Urls.Any(url => VideoIdOf(url) == video.VideoId));
            if (item is null)
            {
                continue;
            }

            // YouTube counts views it judged real, so a video's views are all human; ads are paid.
            var engaged = video.EngagedViewsAtMost(thresholds.For(item.Kind));
            var tally = _byItem[item.Id];
            tally.Views += video.Views;
            tally.Human += video.Views;
            if (video.IsPaid)
            {
                tally.PaidEngaged += engaged;
            }
            else
            {
                tally.Organic += video.Views;
                tally.Validated += engaged;
            }
        }
    }

    private void AddLinks(ContentReachFacts facts)
    {
        var contentOfLink = facts.Links.Where(link => link.ContentId is not null && _byItem.ContainsKey(link.ContentId.Value))
            .ToDictionary(link => link.Slug, link => link.ContentId!.Value, StringComparer.Ordinal);
        var clicks = new Dictionary<string, (long ContentId, DateTime At)>(StringComparer.Ordinal);
        foreach (var click in facts.Clicks)
        {
            if (!contentOfLink.TryGetValue(click.Slug, out var id) || !click.Traffic.IsHuman())
            {
                continue;
            }

            _byItem[id].ClickThroughs++;
            clicks[click.ClickId] = (id, click.At);
        }

        // A developer touched an item when a message of theirs carried the id of a human click on one of its links.
        var touches = new Dictionary<long, List<(long ContentId, DateTime At)>>();
        foreach (var tie in facts.Ties)
        {
            if (!clicks.TryGetValue(tie.ClickId, out var click))
            {
                continue;
            }

            if (facts.IdentifiedMembers.Contains(tie.MemberId))
            {
                _byItem[click.ContentId].Developers.Add(tie.MemberId);
            }

            if (!touches.TryGetValue(tie.MemberId, out var list))
            {
                touches[tie.MemberId] = list = [];
            }

            list.Add(click);
        }

        foreach (var (member, list) in touches)
        {
            if (!facts.Progress.TryGetValue(member, out var progress))
            {
                continue;
            }

            list.Sort((a, b) => a.At.CompareTo(b.At));
            var first = list[0];
            if (AdvancedWithin(progress, first.At, first.At + AttributionWindow))
            {
                _byItem[first.ContentId].FirstTouch.Add(member);
            }

            foreach (var stage in JourneyStages.All)
            {
                if (progress.ReachedAt(stage) is not { } reached)
                {
                    continue;
                }

                // The last touch before the stage was reached, if the stage came within the window and was new then.
                var last = list.LastOrDefault(touch => touch.At <= reached);
                if (last != default && reached - last.At <= AttributionWindow && StageAt(progress, last.At) < stage)
                {
                    _byItem[last.ContentId].LastTouch.Add(member);
                }
            }
        }
    }

    /// <summary>Whether the developer reached a stage above the one they held at <paramref name="from"/>, by <paramref name="until"/>.</summary>
    private static bool AdvancedWithin(MemberProgress progress, DateTime from, DateTime until)
    {
        var before = StageAt(progress, from);
        return JourneyStages.All.Any(stage => stage > before && progress.ReachedAt(stage) is { } at && at > from && at <= until);
    }

    /// <summary>The highest stage reached at or before <paramref name="at"/>; below Discover (-1) when none.</summary>
    private static JourneyStage StageAt(MemberProgress progress, DateTime at)
    {
        var stage = (JourneyStage)(-1);
        foreach (var candidate in JourneyStages.All)
        {
            if (progress.ReachedAt(candidate) is { } reached && reached <= at)
            {
                stage = candidate;
            }
        }

        return stage;
    }

    private static Dictionary<string, long> ItemsByUrl(IEnumerable<ContentItem> items)
    {
        var byUrl = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var url in item.Urls)
            {
                byUrl.TryAdd(NormaliseUrl(url), item.Id);
            }
        }

        return byUrl;
    }

    /// <summary>A page's address as reports compare them: lower-case scheme and host, no query or fragment, no trailing slash.</summary>
    public static string NormaliseUrl(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        var bare = (cut < 0 ? url : url[..cut]).TrimEnd('/');
        return Uri.TryCreate(bare, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}{uri.AbsolutePath.TrimEnd('/')}"
            : bare;
    }

    /// <summary>The YouTube video id a URL names (<c>youtube.com/watch?v=ID</c>, <c>youtu.be/ID</c>, <c>/shorts/ID</c>), or <c>null</c>.</summary>
    public static string? VideoIdOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        if (host == "youtu.be")
        {
            return uri.AbsolutePath.Trim('/') is { Length: > 0 } id ? id : null;
        }

        if (!host.EndsWith("youtube.com", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("v=", StringComparison.Ordinal))
            {
                return pair[2..];
            }
        }

        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["shorts" or "live" or "embed", var video, ..] ? video : null;
    }

    private sealed class Tally
    {
        public long Views, Human, Organic, Validated, PaidEngaged, ClickThroughs;

        public HashSet<long> Developers { get; } = [];

        public HashSet<long> FirstTouch { get; } = [];

        public HashSet<long> LastTouch { get; } = [];

        public void Add(Tally other)
        {
            Views += other.Views;
            Human += other.Human;
            Organic += other.Organic;
            Validated += other.Validated;
            PaidEngaged += other.PaidEngaged;
            ClickThroughs += other.ClickThroughs;
            Developers.UnionWith(other.Developers);
            FirstTouch.UnionWith(other.FirstTouch);
            LastTouch.UnionWith(other.LastTouch);
        }
    }
}
