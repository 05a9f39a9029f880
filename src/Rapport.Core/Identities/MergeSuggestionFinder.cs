using System.Text;
using Rapport.Core.Ingest;

namespace Rapport.Core.Identities;

/// <summary>
/// Finds developers who are probably one person, by the rules of <see cref="MergeRules"/>: the same email address or
/// mailbox, an address that names a GitHub login, the same full name, names one edit apart. Candidates are found
/// through hash tables on addresses, logins and names (and names with one letter deleted), never by comparing every
/// developer with every other; docs/benchmarks.md has the time at 10,000 and 100,000 developers.
/// </summary>
/// <remarks>
/// Never suggested: a bot with a human (<see cref="BotAccounts"/>); two developers with different product user ids,
/// unless they share an email address; by name alone, two developers who both have an account on one platform
/// (two GitHub logins are two accounts, whatever the names say). Each pair of developers is suggested once, by the
/// surest rule that pairs them.
/// </remarks>
public static class MergeSuggestionFinder
{
    /// <summary>Local parts too generic to say anything about a GitHub login, even when long enough.</summary>
    private static readonly HashSet<string> GenericLocalParts = new(StringComparer.Ordinal)
    {
        "admin", "contact", "hello", "help", "info", "mail", "noreply", "no-reply", "office", "root", "sales", "security",
        "support", "team", "test", "user", "webmaster", "postmaster", "developer", "developers", "github", "git",
    };

    public static IReadOnlyList<MergeSuggestion> Find(IReadOnlyList<DeveloperFacts> developers, DateTime at)
    {
        var facts = developers.Select(Facts.Of).ToArray();
        var best = new Dictionary<(int, int), MergeSuggestion>();

        void Suggest(int a, int b, long identity, long otherIdentity, string rule, double confidence, string reason)
        {
            if (a == b || !Allowed(facts[a], facts[b], rule))
            {
                return;
            }

            var key = a < b ? (a, b) : (b, a);
            if (!best.TryGetValue(key, out var kept) || confidence > kept.Confidence)
            {
                best[key] = new MergeSuggestion(identity, otherIdentity, rule, confidence, reason, at);
            }
        }

        SameEmail(facts, Suggest);
        GitHubLogins(facts, Suggest);
        Names(facts, Suggest);
        return [.. best.OrderByDescending(pair => pair.Value.Confidence).ThenBy(pair => pair.Key).Select(pair => pair.Value)];
    }

    private delegate void SuggestAction(int a, int b, long identity, long otherIdentity, string rule, double confidence, string reason);

    private static bool Allowed(Facts a, Facts b, string rule)
    {
        if (a.IsBot != b.IsBot)
        {
            return false;
        }

        if (a.UserIds.Count > 0 && b.UserIds.Count > 0 && !a.UserIds.Overlaps(b.UserIds) && rule != MergeRules.SameEmail)
        {
            return false;
        }

        return rule is not (MergeRules.SameName or MergeRules.CloseName) || !a.Platforms.Overlaps(b.Platforms);
    }

    private static void SameEmail(Facts[] facts, SuggestAction suggest)
    {
        var byMailbox = new Dictionary<string, List<(int Developer, string Address, long IdentityId)>>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Length; i++)
        {
            foreach (var (address, identityId) in facts[i].Emails)
            {
                var list = GetOrAdd(byMailbox, MergeRules.MailboxOf(address));
                if (!list.Exists(entry => entry.Developer == i && entry.Address == address))
                {
                    list.Add((i, address, identityId));
                }
            }
        }

        foreach (var (mailbox, entries) in byMailbox)
        {
            if (entries.Select(entry => entry.Developer).Distinct().Count() is < 2 or > MergeRules.MaximumSharedBy)
            {
                continue;
            }

            foreach (var a in entries)
            {
                foreach (var b in entries)
                {
                    if (a.Developer >= b.Developer)
                    {
                        continue;
                    }

                    var same = a.Address == b.Address;
                    suggest(a.Developer, b.Developer, a.IdentityId, b.IdentityId, MergeRules.SameEmail,
                        same ? MergeRules.SameAddress : MergeRules.SameMailbox,
                        same ? $"both have the address {a.Address}" : $"{a.Address} and {b.Address} are one mailbox ({mailbox})");
                }
            }
        }
    }

    private static void GitHubLogins(Facts[] facts, SuggestAction suggest)
    {
        var byLogin = new Dictionary<string, (int Developer, long IdentityId)>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Length; i++)
        {
            foreach (var stored in facts[i].Source.Identities)
            {
                if (stored.Identity.Kind == IdentityKinds.GitHub)
                {
                    byLogin.TryAdd(stored.Identity.Value, (i, stored.Id));
                }
            }
        }

        for (var i = 0; i < facts.Length; i++)
        {
            foreach (var (address, identityId) in facts[i].Emails)
            {
                if (GitHubNoreplyEmail.TryGetLogin(address, out var login))
                {
                    if (byLogin.TryGetValue(login, out var owner))
                    {
                        suggest(i, owner.Developer, identityId, owner.IdentityId, MergeRules.GitHubLogin, MergeRules.NoreplyAddressOfLogin,
                            $"{address} is GitHub's private address of github:{login}");
                    }

                    continue;
                }

                var local = MergeRules.MailboxOf(address);
                local = local[..local.LastIndexOf('@')];
                if (local.Length >= MergeRules.MinimumLoginLength && !GenericLocalParts.Contains(local) && byLogin.TryGetValue(local, out var match))
                {
                    suggest(i, match.Developer, identityId, match.IdentityId, MergeRules.GitHubLogin, MergeRules.LocalPartIsLogin,
                        $"the address {address} starts with the GitHub login {local}");
                }
            }
        }
    }

    private static void Names(Facts[] facts, SuggestAction suggest)
    {
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byDeletion = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Length; i++)
        {
            if (facts[i].Name is not { } name)
            {
                continue;
            }

            GetOrAdd(byName, name).Add(i);
            if (name.Count(char.IsLetter) >= MergeRules.CloseNameMinimumLetters)
            {
                // A name and every name one letter shorter: two names one edit apart share one of these keys.
                GetOrAdd(byDeletion, name).Add(i);
                for (var at = 0; at < name.Length; at++)
                {
                    var shorter = name.Remove(at, 1);
                    var list = GetOrAdd(byDeletion, shorter);
                    if (list.Count == 0 || list[^1] != i)
                    {
                        list.Add(i);
                    }
                }
            }
        }

        foreach (var (name, developers) in byName)
        {
            if (developers.Count is < 2 or > MergeRules.MaximumSharedBy)
            {
                continue;
            }

            for (var x = 0; x < developers.Count; x++)
            {
                for (var y = x + 1; y < developers.Count; y++)
                {
                    var (a, b) = (facts[developers[x]], facts[developers[y]]);
                    suggest(developers[x], developers[y], a.AnchorIdentity, b.AnchorIdentity, MergeRules.SameName, MergeRules.SameFullName,
                        $"both are named {a.Source.Name}");
                }
            }
        }

        var compared = new HashSet<(int, int)>();
        foreach (var developers in byDeletion.Values)
        {
            if (developers.Count is < 2 or > 4 * MergeRules.MaximumSharedBy)
            {
                continue;
            }

            for (var x = 0; x < developers.Count; x++)
            {
                for (var y = x + 1; y < developers.Count; y++)
                {
                    var (i, j) = developers[x] < developers[y] ? (developers[x], developers[y]) : (developers[y], developers[x]);
                    if (!compared.Add((i, j)) || facts[i].Name == facts[j].Name || EditDistance(facts[i].Name!, facts[j].Name!) != 1)
                    {
                        continue;
                    }

                    suggest(i, j, facts[i].AnchorIdentity, facts[j].AnchorIdentity, MergeRules.CloseName, MergeRules.CloseFullName,
                        $"the names {facts[i].Source.Name} and {facts[j].Source.Name} are one letter apart");
                }
            }
        }
    }

    /// <summary>
    /// The optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbouring
    /// letters each count one.
    /// </summary>
    public static int EditDistance(string a, string b)
    {
        // Three rows of the table; on the stack for names of ordinary length, which is nearly every call.
        Span<int> rows = b.Length < 128 ? stackalloc int[3 * (b.Length + 1)] : new int[3 * (b.Length + 1)];
        var previous2 = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows[(2 * (b.Length + 1))..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
            }

            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// A full name as the rules compare it: letters and digits only, lower-case, Latin accents dropped (José is Jose,
    /// ß is ss), words separated by one space; <c>null</c> unless it has two words or more ("Ada" alone is not a full
    /// name).
    /// </summary>
    public static string? NormaliseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is >= '\u0300' and <= '\u036f')
            {
                // A combining accent of an already decomposed letter.
                continue;
            }

            var folded = Fold(c);
            if (folded.Length > 0 && char.IsLetterOrDigit(folded[0]))
            {
                text.Append(folded);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }

        var normalised = text.ToString().Trim();
        return normalised.Contains(' ', StringComparison.Ordinal) ? normalised : null;
    }

    /// <summary>
    /// The base letters of U+00C0 to U+017F (Latin-1 Supplement and Latin Extended-A), lower-case, a space for the two
    /// signs among them (× and ÷); made from Unicode's decompositions. Rapport runs with invariant globalization, where
    /// <see cref="string.Normalize()"/> does not decompose, so accents are folded by this table.
    /// </summary>
    private const string LatinBaseLetters =
        "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    private static string Fold(char c) => c switch
    {
        < '\u0080' => char.ToLowerInvariant(c).ToString(),
        'ß' => "ss",
        'Æ' or 'æ' => "ae",
        'Œ' or 'œ' => "oe",
        'Þ' or 'þ' => "th",
        'Ĳ' or 'ĳ' => "ij",
        >= '\u00c0' and <= '\u017f' => LatinBaseLetters[c - '\u00c0'].ToString(),
        _ => char.ToLowerInvariant(c).ToString(),
    };

    private static List<T> GetOrAdd<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }

    private sealed class Facts
    {
        public required DeveloperFacts Source { get; init; }

        public required bool IsBot { get; init; }

        public required HashSet<string> UserIds { get; init; }

        public required HashSet<string> Platforms { get; init; }

        /// <summary>Addresses, lower-case, with the email identity that holds each (or the anchor for a trait).</summary>
        public required List<(string Address, long IdentityId)> Emails { get; init; }

        public required string? Name { get; init; }

        /// <summary>The identity that stands for the developer in a suggestion not about one identity: the oldest.</summary>
        public required long AnchorIdentity { get; init; }

        public static Facts Of(DeveloperFacts developer)
        {
            var identities = developer.Identities;
            var anchor = identities.Count == 0 ? 0 : identities.Min(identity => identity.Id);
            var emails = new List<(string, long)>();
            foreach (var identity in identities)
            {
                if (identity.Identity.Kind == IdentityKinds.Email)
                {
                    emails.Add((identity.Identity.Value, identity.Id));
                }
            }

            foreach (var trait in developer.EmailTraits)
            {
                if (Identity.TryCreate(IdentityKinds.Email, trait, out var email, out _) && !emails.Exists(e => e.Item1 == email.Value))
                {
                    emails.Add((email.Value, anchor));
                }
            }

            var isBot = BotAccounts.IsBotName(developer.Name)
                || identities.Any(identity => identity.Identity.Kind == IdentityKinds.Email
                    ? BotAccounts.IsBotEmail(identity.Identity.Value)
                    : identity.Identity.Kind != IdentityKinds.Anonymous && identity.Identity.Kind != IdentityKinds.User && BotAccounts.IsBotName(identity.Identity.Value));
            return new Facts
            {
                Source = developer,
                IsBot = isBot,
                UserIds = [.. identities.Where(identity => identity.Identity.Kind == IdentityKinds.User).Select(identity => identity.Identity.Value)],
                Platforms = [.. identities.Where(identity => IdentityKinds.PlatformTraits.Contains(identity.Identity.Kind)).Select(identity => identity.Identity.Kind)],
                Emails = emails,
                Name = NormaliseName(developer.Name),
                AnchorIdentity = anchor,
            };
        }
    }
}
