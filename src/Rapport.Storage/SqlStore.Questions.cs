using System.Globalization;
using System.Text.Json;
using Rapport.Core.DocsGaps;
using Rapport.Core.Questions;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    public async Task<IReadOnlyList<Question>> ListQuestionsAsync(Workspace workspace, bool withText, CancellationToken cancellationToken)
    {
        var types = await QuestionTypesAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (types.Count == 0)
        {
            return [];
        }

        var args = new SqlArguments(workspace.Id);
        var typeList = string.Join(", ", types.Select(type => args.Add(type)));
        var text = withText
            ? $"coalesce({JsonText("a.properties", "title")}, a.title), coalesce({JsonText("a.properties", "body")}, {JsonText("a.properties", "text")}), {JsonText("a.properties", "tags")}"
            : "NULL, NULL, NULL";
        return await QueryAsync<IReadOnlyList<Question>>(
            $"""
            SELECT a.message_id, i.member_id, a.occurred_at, {text}, {JsonText("a.properties", "answered")},
                   {JsonText("a.properties", "secondsToFirstAnswer")}, coalesce(a.url, {JsonText("a.properties", "url")})
            FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND a.type IN ({typeList}) AND {NotBot("a.properties")}
            ORDER BY a.occurred_at, a.message_id
            """,
            args.ToArray(),
            reader =>
            {
                var list = new List<Question>();
                while (reader.Read())
                {
                    list.Add(new Question(
                        reader.GetString(0), reader.GetInt64(1), ReadTime(reader, 2)!.Value, ReadText(reader, 3), ReadText(reader, 4),
                        ReadTags(ReadText(reader, 5)), ReadAnswered(ReadText(reader, 6)), ReadSeconds(ReadText(reader, 7)), ReadText(reader, 8)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<DocsPage>> ListDocsPagesAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<DocsPage>>(
            """
            SELECT c.id, c.title, CAST(c.urls AS VARCHAR), coalesce(t.body, c.description, '')
            FROM content_items c LEFT JOIN content_texts t ON t.workspace_id = c.workspace_id AND t.content_id = c.id
            WHERE c.workspace_id = $1 AND c.kind = 'docs_page'
            ORDER BY c.id
            """,
            [workspace.Id],
            reader =>
            {
                var list = new List<DocsPage>();
                while (reader.Read())
                {
                    var urls = JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? [];
                    list.Add(new DocsPage(reader.GetInt64(0), reader.GetString(1), urls.FirstOrDefault(), reader.GetString(3)));
                }

                return list;
            }, cancellationToken);

    public async Task<DocsGapReport> GetDocsGapReportAsync(Workspace workspace, DocsGapOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var questions = await ListQuestionsAsync(workspace, withText: true, cancellationToken).ConfigureAwait(false);
        var pages = await ListDocsPagesAsync(workspace, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return DocsGapReport.Compute(questions, pages, options);
    }

    public Task<string?> GetContentTextAsync(Workspace workspace, long contentId, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT body FROM content_texts WHERE workspace_id = $1 AND content_id = $2", [workspace.Id, contentId],
            reader => reader.Read() ? reader.GetString(0) : null, cancellationToken);

    /// <summary>The workspace's activity types that the community rules call questions.</summary>
    private async Task<List<string>> QuestionTypesAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var rules = (await GetCommunityConfigAsync(workspace, cancellationToken).ConfigureAwait(false)).Outreach;
        var types = await QueryAsync(
            "SELECT DISTINCT type FROM activities WHERE workspace_id = $1", [workspace.Id],
            reader =>
            {
                var list = new List<string>();
                while (reader.Read())
                {
                    list.Add(reader.GetString(0));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        return [.. types.Where(rules.IsQuestion).Order(StringComparer.Ordinal)];
    }

    /// <summary>Tags as sources write them: a JSON array, or one text split at commas, semicolons or bars.</summary>
    private static IReadOnlyList<string> ReadTags(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (text.TrimStart().StartsWith('['))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                return [.. json.RootElement.EnumerateArray().Where(tag => tag.ValueKind == JsonValueKind.String).Select(tag => tag.GetString()!)];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return text.Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static bool? ReadAnswered(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static double? ReadSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? seconds : null;
}
