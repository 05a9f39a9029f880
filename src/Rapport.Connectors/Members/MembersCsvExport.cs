using System.Text.Json;
using CsvHelper;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Members;

/// <summary>
/// Writes a workspace's developers as a members CSV, one row each, in the format <see cref="MembersCsvReader"/> reads:
/// identity columns, <c>name</c> and <c>company</c>, the derived <c>organization</c>, <c>tags</c> and <c>stage</c>,
/// then every other trait. Importing the file into an empty workspace gives the same developers, identities, traits and
/// tags (stages come from activities, which the file does not carry).
/// </summary>
public sealed class MembersCsvExport(IRapportStore store)
{
    private const int PageSize = 1000;

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    /// <param name="onProgress">Told of the developers written so far after every page.</param>
    /// <returns>The number of developers written.</returns>
    public async Task<long> ExportAsync(Workspace workspace, TextWriter output, Action<long>? onProgress = null, CancellationToken cancellationToken = default)
    {
        var kinds = (await store.GetStatsAsync(workspace, cancellationToken).ConfigureAwait(false)).Identities.Keys
            .OrderBy(KindOrder).ThenBy(kind => kind, StringComparer.Ordinal).ToList();
        // Traits named like an identity kind (email, github) repeat identities, which have their own columns.
        var traits = (await store.ListTraitKeysAsync(workspace, cancellationToken).ConfigureAwait(false))
            .Where(key => key is not ("name" or "company") && !NamesAnIdentity(key))
            .ToList();
        traits.InsertRange(0, ["name", "company"]);

        var written = 0L;
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var kind in kinds)
        {
            csv.WriteField(MembersCsvColumns.HeaderOf(kind));
        }

        csv.WriteField(MembersCsvColumns.TraitHeaderOf("name"));
        csv.WriteField(MembersCsvColumns.TraitHeaderOf("company"));
        csv.WriteField(MembersCsvColumns.Organization);
        csv.WriteField(MembersCsvColumns.Tags);
        csv.WriteField(MembersCsvColumns.Stage);
        foreach (var key in traits.Skip(2))
        {
            csv.WriteField(MembersCsvColumns.TraitHeaderOf(key));
        }

        csv.EndRecord();
        var after = 0L;
        while (true)
        {
            var page = await store.ReadMemberRecordsAsync(workspace, after, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var member in page)
            {
                foreach (var kind in kinds)
                {
                    csv.WriteField(Join(member.Identities.Where(identity => identity.Kind == kind).Select(identity => identity.Value)));
                }

                csv.WriteField(Cell(member, "name"));
                csv.WriteField(Cell(member, "company"));
                csv.WriteField(member.Organization ?? "");
                csv.WriteField(Join(member.Tags));
                csv.WriteField(member.Stage is { } stage ? JourneyStages.Name(stage) : "");
                foreach (var key in traits.Skip(2))
                {
                    csv.WriteField(Cell(member, key));
                }

                csv.EndRecord();
            }

            written += page.Count;
            after = page[^1].Id;
            onProgress?.Invoke(written);
        }

        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static bool NamesAnIdentity(string key)
    {
        try
        {
            return MembersCsvColumns.IdentityKindOf(key) is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static int KindOrder(string kind) => kind switch
    {
        IdentityKinds.User => 0,
        IdentityKinds.Email => 1,
        IdentityKinds.GitHub => 2,
        IdentityKinds.Anonymous => 5,
        _ when IdentityKinds.PlatformTraits.Contains(kind) => 3,
        _ => 4,
    };

    private static string Cell(MemberRecord member, string key) => member.Traits.TryGetValue(key, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null => "",
            _ => value.GetRawText(),
        }
        : "";

    private static string Join(IEnumerable<string> values) => string.Join($"{MembersCsvReader.ValueSeparator} ", values);
}
