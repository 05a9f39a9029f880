using Rapport.Core.Identities;

namespace Rapport.Connectors.Members;

/// <summary>
/// What each column of a members CSV holds, from its header. Header names are matched without regard to case, spaces,
/// <c>_</c>, <c>-</c> or <c>.</c>: identity columns (<c>email</c>, <c>user_id</c>, <c>anonymous_id</c>, a platform
/// such as <c>github</c>, or <c>identity:KIND</c> for any other kind), <c>tags</c>, the derived columns an export
/// writes (<c>organization</c>, <c>stage</c>), and traits: every other column, named by its header
/// (<c>trait:KEY</c> names a trait that would otherwise mean something else). See docs/members.md.
/// </summary>
public sealed class MembersCsvColumns
{
    public const string IdentityPrefix = "identity:";

    public const string TraitPrefix = "trait:";

    public const string Tags = "tags";

    public const string Organization = "organization";

    public const string Stage = "stage";

    /// <summary>Headers for the standard traits of the Segment Spec, so a CRM's <c>First Name</c> becomes <c>firstName</c>.</summary>
    private static readonly Dictionary<string, string> TraitAliases = new(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["fullname"] = "name",
        ["firstname"] = "firstName",
        ["lastname"] = "lastName",
        ["company"] = "company",
        ["companyname"] = "company",
        ["title"] = "title",
        ["jobtitle"] = "title",
        ["phone"] = "phone",
        ["website"] = "website",
    };

    private MembersCsvColumns(
        IReadOnlyList<(string Kind, int Index)> identities, IReadOnlyList<(string Key, int Index)> traits, int tags)
    {
        Identities = identities;
        Traits = traits;
        TagsIndex = tags;
    }

    /// <summary>Identity columns, with the kind each holds, user ids and emails first.</summary>
    public IReadOnlyList<(string Kind, int Index)> Identities { get; }

    public IReadOnlyList<(string Key, int Index)> Traits { get; }

    /// <summary>The tags column, or -1.</summary>
    public int TagsIndex { get; }

    /// <summary>
    /// Maps a header row; throws <see cref="FormatException"/> with the reason when a header is empty or twice, names
    /// an identity kind that cannot be one, or no column names an identity.
    /// </summary>
    public static MembersCsvColumns Map(IReadOnlyList<string> header)
    {
        var identities = new List<(string Kind, int Index)>();
        var traits = new List<(string Key, int Index)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var tags = -1;
        var organization = -1;
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                throw new FormatException($"column {i + 1} has no name; every column needs a header");
            }

            var normalised = Normalise(name);
            if (!seen.TryAdd(normalised, i))
            {
                throw new FormatException($"the header names '{header[seen[normalised]].Trim()}' and '{name}', which are one column");
            }

            if (name.StartsWith(TraitPrefix, StringComparison.OrdinalIgnoreCase))
            {
                traits.Add((name[TraitPrefix.Length..].Trim(), i));
            }
            else if (IdentityKindOf(name) is { } kind)
            {
                identities.Add((kind, i));
            }
            else if (normalised == Tags || normalised == "tag")
            {
                tags = i;
            }
            else if (normalised == Organization || normalised == "organisation")
            {
                organization = i;
            }
            else if (normalised != Stage)
            {
                traits.Add((TraitKeyOf(name), i));
            }
        }

        // An export writes the organization it derived beside the company trait; a file without a company column
        // (a CRM's) means the company by it.
        if (organization >= 0 && !traits.Exists(trait => trait.Key == "company"))
        {
            traits.Add(("company", organization));
        }

        if (identities.Count == 0)
        {
            throw new FormatException(
                $"no column names an identity; the header needs one of email, user_id, anonymous_id, {string.Join(", ", IdentityKinds.PlatformTraits)} or identity:KIND");
        }

        return new MembersCsvColumns(
            [.. identities.OrderBy(column => column.Kind switch { IdentityKinds.User => 0, IdentityKinds.Email => 1, _ => 2 }).ThenBy(column => column.Index)],
            traits, tags);
    }

    /// <summary>The identity kind a header names, or <c>null</c> when it names none.</summary>
    public static string? IdentityKindOf(string header)
    {
        var name = header.Trim();
        if (name.StartsWith(IdentityPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var kind = name[IdentityPrefix.Length..].Trim().ToLowerInvariant();
            return Identity.TryCreate(kind, "x", out _, out var reason) ? kind : throw new FormatException($"column '{name}': {reason}");
        }

        return Normalise(name) switch
        {
            "email" or "emails" or "emailaddress" => IdentityKinds.Email,
            "userid" or "user" or "userids" => IdentityKinds.User,
            "anonymousid" or "anonymousids" => IdentityKinds.Anonymous,
            var other => IdentityKinds.PlatformTraits.FirstOrDefault(kind => kind == other),
        };
    }

    /// <summary>The header an export writes for an identity kind, which <see cref="IdentityKindOf"/> reads back as that kind.</summary>
    public static string HeaderOf(string kind) => kind switch
    {
        IdentityKinds.User => "user_id",
        IdentityKinds.Anonymous => "anonymous_id",
        IdentityKinds.Email => "email",
        _ when IdentityKinds.PlatformTraits.Contains(kind) => kind,
        _ => IdentityPrefix + kind,
    };

    /// <summary>The trait a plain header names: a standard trait's own key for its common spellings, else the header as written.</summary>
    public static string TraitKeyOf(string header) => TraitAliases.GetValueOrDefault(Normalise(header), header.Trim());

    /// <summary>The header an export writes for a trait, which <see cref="Map"/> reads back as that same trait.</summary>
    public static string TraitHeaderOf(string key)
    {
        var normalised = Normalise(key);
        var plain = key == key.Trim() && key.Length > 0 && !key.StartsWith(TraitPrefix, StringComparison.OrdinalIgnoreCase)
            && !key.StartsWith(IdentityPrefix, StringComparison.OrdinalIgnoreCase) && TraitKeyOf(key) == key
            && IdentityKindOf(key) is null && normalised is not (Tags or "tag" or Organization or "organisation" or Stage);
        return plain ? key : TraitPrefix + key;
    }

    private static string Normalise(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        var length = 0;
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, 256)))
        {
            if (c is not (' ' or '_' or '-' or '.'))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }
}
