using System.Text;
using Rapport.Core.Coverage;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// The coverage matrix, written once for both backends. A developer uses a value when one of their identities has a
/// trait, or one of their activities a property, that the dimension reads and whose JSON value is one of the value's
/// names or a list holding one: the JSON text holds the name in quotes (names cannot hold quotes or escapes).
/// </summary>
public abstract partial class SqlStore
{
    public Task<CoverageConfig> GetCoverageConfigAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT CAST(definition AS VARCHAR) FROM coverage_configs WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? CoverageConfig.Parse(reader.GetString(0)) : CoverageConfig.Empty, cancellationToken);

    public Task SetCoverageConfigAsync(Workspace workspace, CoverageConfig config, CancellationToken cancellationToken) =>
        ExecuteAsync(
        [
            ("DELETE FROM coverage_configs WHERE workspace_id = $1", [workspace.Id]),
            ("INSERT INTO coverage_configs (workspace_id, definition, updated_at) VALUES ($1, CAST($2 AS JSON), $3)", [workspace.Id, config.ToJson(), Now()]),
        ], cancellationToken);

    public Task<CoverageReport> GetCoverageReportAsync(Workspace workspace, CancellationToken cancellationToken) =>
        InSnapshotAsync(async () =>
        {
            var config = await GetCoverageConfigAsync(workspace, cancellationToken).ConfigureAwait(false);
            if (config.Dimensions.Count == 0)
            {
                return CoverageReport.Compute(config, [], [], []);
            }

            var content = await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false);
            var questions = await ListQuestionTagsAsync(workspace, cancellationToken).ConfigureAwait(false);
            var developers = await CountDeveloperDemandAsync(workspace, config, cancellationToken).ConfigureAwait(false);
            return CoverageReport.Compute(config, [.. content.Select(item => item.Tags)], questions, developers);
        }, cancellationToken);

    /// <summary>The tags of every question (the community rules' question types, bots' left out).</summary>
    private async Task<IReadOnlyList<IReadOnlyList<string>>> ListQuestionTagsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var types = await QuestionTypesAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (types.Count == 0)
        {
            return [];
        }

        var args = new SqlArguments(workspace.Id);
        var typeList = string.Join(", ", types.Select(type => args.Add(type)));
        return await QueryAsync<IReadOnlyList<IReadOnlyList<string>>>(
            $"""
            SELECT {JsonText("a.properties", "tags")} FROM activities a
            WHERE a.workspace_id = $1 AND a.type IN ({typeList}) AND {NotBot("a.properties")}
            """,
            args.ToArray(),
            reader =>
            {
                var list = new List<IReadOnlyList<string>>();
                while (reader.Read())
                {
                    list.Add(ReadTags(ReadText(reader, 0)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Developers per dimension and value, and per dimension for any value, in one statement: the distinct trait and
    /// property values read are joined to the values' quoted names, then to members through identities.
    /// </summary>
    private Task<IReadOnlyList<DeveloperDemand>> CountDeveloperDemandAsync(Workspace workspace, CoverageConfig config, CancellationToken cancellationToken)
    {
        var args = new SqlArguments(workspace.Id);
        var needles = new List<string>();
        foreach (var dimension in config.Dimensions)
        {
            var reads = dimension.Traits.Select(key => ("t", key)).Concat(dimension.Properties.Select(key => ("p", key)));
            foreach (var (source, key) in reads)
            {
                foreach (var value in dimension.Values)
                {
                    foreach (var synonym in value.Synonyms)
                    {
                        needles.Add($"({args.Add(source)}, {args.Add(key)}, {args.Add(dimension.Name)}, {args.Add(value.Name)}, {args.Add('"' + synonym + '"')})");
                    }
                }
            }
        }

        if (needles.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<DeveloperDemand>>([]);
        }

        var observed = new List<string>();
        var traits = config.Dimensions.SelectMany(dimension => dimension.Traits).Distinct(StringComparer.Ordinal).ToList();
        if (traits.Count > 0)
        {
            observed.Add(
                $"""
                SELECT CAST('t' AS VARCHAR) AS source, t.key AS key, t.identity_id AS identity_id, lower(CAST(t.value AS VARCHAR)) AS raw
                FROM traits t WHERE t.workspace_id = $1 AND t.key IN ({string.Join(", ", traits.Select(key => args.Add(key)))})
                """);
        }

        // Keys are checked names (letters, digits, _): safe in a JSON path. One pass over activities per property read.
        foreach (var key in config.Dimensions.SelectMany(dimension => dimension.Properties).Distinct(StringComparer.Ordinal))
        {
            observed.Add(
                $"""
                SELECT CAST('p' AS VARCHAR), CAST('{key}' AS VARCHAR), a.identity_id, lower({JsonValue("a.properties", key)})
                FROM activities a WHERE a.workspace_id = $1 AND {JsonValue("a.properties", key)} IS NOT NULL
                """);
        }

        var sql = new StringBuilder()
            .Append("WITH needles (source, key, dimension, value, needle) AS (VALUES ").AppendJoin(", ", needles).AppendLine("),")
            .Append("observed AS (").AppendJoin("\nUNION\n", observed).AppendLine("),")
            .AppendLine(
                """
                matched AS (
                  SELECT DISTINCT i.member_id, n.dimension, n.value
                  FROM observed o
                  JOIN needles n ON n.source = o.source AND n.key = o.key AND strpos(o.raw, n.needle) > 0
                  JOIN identities i ON i.workspace_id = $1 AND i.id = o.identity_id
                )
                SELECT dimension, value, count(*) FROM matched GROUP BY dimension, value
                UNION ALL
                SELECT dimension, NULL, count(DISTINCT member_id) FROM matched GROUP BY dimension
                """);
        return QueryAsync<IReadOnlyList<DeveloperDemand>>(
            sql.ToString(), args.ToArray(),
            reader =>
            {
                var list = new List<DeveloperDemand>();
                while (reader.Read())
                {
                    list.Add(new DeveloperDemand(reader.GetString(0), ReadText(reader, 1), reader.GetInt64(2)));
                }

                return list;
            }, cancellationToken);
    }
}
