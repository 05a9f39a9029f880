namespace Rapport.Core.Content;

/// <summary>
/// What a person or an importer says about a content item: every field optional, so the same type adds an item
/// (kind and title required) and edits one (only the fields given change). Validated and normalised in one place.
/// </summary>
public sealed record ContentFields
{
    public const int MaxTitleLength = 500;

    public ContentKind? Kind { get; init; }

    public string? Title { get; init; }

    /// <summary>Replaces every URL when given; the first is the canonical one.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    public string? Channel { get; init; }

    public ChannelParty? Party { get; init; }

    public DateTime? Published { get; init; }

    public IReadOnlyList<string>? Authors { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public double? EffortHours { get; init; }

    public long? ParentId { get; init; }

    public ReuseKind? Reuse { get; init; }

    /// <summary>Makes the item a root of its own tree (an edit that removes the parent).</summary>
    public bool ClearParent { get; init; }

    public string? Description { get; init; }

    /// <summary>A new item from these fields; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public ContentItem Create(long id, string source, DateTime now)
    {
        if (Kind is null)
        {
            throw new FormatException($"a content item needs a kind: {string.Join(", ", ContentNames.KindNames)}");
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new FormatException("a content item needs a title");
        }

        var empty = new ContentItem(id, Kind.Value, "", [], null, null, null, [], [], null, null, null, null, source, now, now);
        return ApplyTo(empty, now);
    }

    /// <summary>The item with these fields changed; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public ContentItem ApplyTo(ContentItem item, DateTime now)
    {
        var title = Title is null ? item.Title : Title.Trim();
        if (title.Length is 0 or > MaxTitleLength)
        {
            throw new FormatException($"a title has between 1 and {MaxTitleLength} characters");
        }

        if (EffortHours is < 0 or > 10_000 || EffortHours is double.NaN)
        {
            throw new FormatException($"effort hours must be between 0 and 10,000, not {EffortHours}");
        }

        var parentId = ClearParent ? null : ParentId ?? item.ParentId;
        var reuse = ClearParent ? null : Reuse ?? item.Reuse;
        if (parentId is not null && reuse is null)
        {
            throw new FormatException($"an item with a parent says how it reuses it: {string.Join(", ", ContentNames.ReuseNames)}");
        }

        if (parentId is null && Reuse is not null && !ClearParent)
        {
            throw new FormatException("a kind of reuse needs the parent item it reuses");
        }

        if (parentId == item.Id && item.Id != 0)
        {
            throw new FormatException($"content item {item.Id} cannot be its own parent");
        }

        return item with
        {
            Kind = Kind ?? item.Kind,
            Title = title,
            Urls = Urls is null ? item.Urls : NormaliseUrls(Urls),
            Channel = Channel is null ? item.Channel : NormaliseChannel(Channel),
            Party = Party ?? item.Party,
            Published = Published is { } published ? AsUtc(published) : item.Published,
            Authors = Authors is null ? item.Authors : Distinct(Authors.Select(author => author.Trim()), StringComparer.OrdinalIgnoreCase),
            Tags = Tags is null ? item.Tags : NormaliseTags(Tags),
            EffortHours = EffortHours ?? item.EffortHours,
            ParentId = parentId,
            Reuse = reuse,
            Description = Description is null ? item.Description : (Description.Trim() is { Length: > 0 } text ? text : null),
            UpdatedAt = now,
        };
    }

    /// <summary>Absolute http or https addresses, without duplicates.</summary>
    public static IReadOnlyList<string> NormaliseUrls(IEnumerable<string> urls)
    {
        var list = new List<string>();
        foreach (var text in urls)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"'{text.Trim()}' is not an http or https address");
            }

            var url = uri.AbsoluteUri;
            if (!list.Contains(url, StringComparer.Ordinal))
            {
                list.Add(url);
            }
        }

        return list;
    }

    /// <summary>Tags compare without regard to case: stored lower-case, trimmed, once each.</summary>
    public static IReadOnlyList<string> NormaliseTags(IEnumerable<string> tags) =>
        Distinct(tags.Select(tag => tag.Trim().ToLowerInvariant()), StringComparer.Ordinal);

    public static string? NormaliseChannel(string? channel) =>
        string.IsNullOrWhiteSpace(channel) ? null : channel.Trim().ToLowerInvariant();

    private static List<string> Distinct(IEnumerable<string> values, StringComparer comparer) =>
        [.. values.Where(value => value.Length > 0).Distinct(comparer)];

    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
