using System.Globalization;
using System.Text;
using Rapport.Connectors.Markdown;
using Rapport.Connectors.Questions;
using Rapport.Core.Content;
using Rapport.Core.Coverage;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Demo;

/// <summary>
/// The demo's docs site and support questions, imported through the Markdown and questions CSV importers, with a
/// coverage file for the languages the SDKs serve. The docs cover rate limits, tokens, webhooks and the TypeScript
/// and C# SDKs; the questions also ask about pagination, the Python SDK and Windows paths, which no page covers, so
/// the Docs gaps and Coverage pages show real gaps. Deterministic: the same developers ask the same questions.
/// </summary>
internal static class DemoDocs
{
    public const string CoverageJson = """
        {"dimensions": {"language": {"python": ["py"], "typescript": ["ts", "javascript"], "csharp": ["c#", "dotnet"]}}}
        """;

    private static readonly Uri DocsSite = new("https://docs.rapport.example/");

    private static readonly (string Path, string Markdown)[] Pages =
    [
        ("quickstart.md", """
            ---
            title: Quickstart
            tags: [typescript]
            date: 2026-01-15
            ---
            Install the CLI with npm, create an API token, and make your first API call from the TypeScript SDK in five
            minutes. The quickstart creates a project, lists its items and prints them.
            """),
        ("authentication.md", """
            ---
            title: Authentication and API tokens
            tags: [api]
            date: 2026-01-20
            ---
            Every API call carries an API token in the Authorization header. Create a token in the console; a token
            expires after 90 days, and refreshing a token keeps its scopes. Authentication fails with 401 when the
            token is expired or revoked: create or refresh the token and retry.
            """),
        ("limits.md", """
            ---
            title: Rate limits and retries
            tags: [api]
            date: 2026-02-03
            ---
            The API allows 100 requests per second per token; the free plan allows 10. Above the rate limit it answers
            429 Too Many Requests with a Retry-After header. Retry after the time it gives, with exponential backoff:
            the SDKs retry a 429 rate limit response three times before they raise an error.
            """),
        ("webhooks.md", """
            ---
            title: Webhooks and signature verification
            tags: [webhooks, typescript]
            date: 2026-02-17
            ---
            Webhooks deliver events to your endpoint. Each delivery has a signature header: verify the signature with
            your webhook secret over the raw body before you parse it. A proxy that rewrites the body breaks the
            signature verification; compare the signature in constant time.
            """),
        ("sdk/typescript.md", """
            ---
            title: The TypeScript SDK
            tags: [typescript]
            date: 2026-03-02
            ---
            Install the TypeScript SDK from npm. The client reads the API token from the environment, retries rate limit
            errors, and returns typed items. Works in Node.js and in the browser.
            """),
        ("sdk/typescript-recipes.md", """
            ---
            title: TypeScript SDK recipes
            tags: [typescript]
            date: 2026-04-14
            ---
            Recipes for the TypeScript SDK: uploading files, streaming responses, testing with a mock client, and
            running the client in serverless functions.
            """),
        ("sdk/csharp.md", """
            ---
            title: The C# SDK and dependency injection
            tags: [csharp]
            date: 2026-05-05
            ---
            Install the C# SDK from NuGet and register the client with dependency injection in ASP.NET Core. The client
            is thread-safe: inject one client and share it.
            """),
    ];

    /// <summary>A topic developers ask about: title variants, a body, tags, and how often it is answered.</summary>
    private sealed record Topic(string[] Titles, string Body, string Tags, int Count, double AnsweredShare);

    private static readonly Topic[] Topics =
    [
        new(["How do I handle 429 rate limit responses?", "Rate limit exceeded when calling the items API in a loop", "What is the rate limit on the free plan?",
            "Retry after a 429 rate limit error"], "My script calls the API in a loop and gets 429 rate limit errors. How should I retry?", "api, rate-limits", 40, 0.9),
        new(["How do I paginate the items list with a cursor?", "Pagination cursor returns the same page twice", "Cursor pagination stops after 100 items"],
            "I list items with pagination but the cursor does not seem to move to the next page.", "api, pagination", 36, 0.4),
        new(["Is there an asyncio client in the Python SDK?", "Using the Python SDK with asyncio", "Python SDK async client hangs in Jupyter"],
            "I use the Python SDK inside an asyncio application and need an async client.", "python, sdk", 30, 0.3),
        new(["How do I refresh an expired API token?", "Authentication fails with a new API token", "Where do I create an API token?"],
            "Authentication fails with 401 and the token looks expired.", "api, auth", 28, 0.85),
        new(["Webhook signature verification fails", "How do I verify the webhook signature header?", "Webhook signature mismatch behind a proxy"],
            "The webhook signature never matches the one I compute from the secret.", "webhooks, typescript", 24, 0.7),
        new(["Quickstart fails on Windows: path not found", "Windows path error in the quickstart", "Quickstart cannot find its config on a Windows path"],
            "Running the quickstart on Windows stops with a path error.", "cli, windows", 18, 0.2),
        new(["Register the C# SDK client with dependency injection", "C# SDK client lifetime with dependency injection"],
            "Should the C# SDK client be a singleton when I use dependency injection?", "csharp, sdk", 10, 1.0),
    ];

    public static async Task AddAsync(IRapportStore store, Workspace workspace, DateTime now, CancellationToken cancellationToken)
    {
        var pages = Pages.Select(page => MarkdownPage.Read("docs/" + page.Path, page.Markdown, ContentKind.DocsPage, "docs", ChannelParty.FirstParty, DocsSite).Content!)
            .ToList();
        await store.ImportContentAsync(workspace, "markdown", pages, cancellationToken);
        if ((await store.GetCoverageConfigAsync(workspace, cancellationToken)).Dimensions.Count == 0)
        {
            await store.SetCoverageConfigAsync(workspace, CoverageConfig.Parse(CoverageJson), cancellationToken);
        }

        // Developers who have been around for half a year ask, so that a question never becomes anyone's first touch.
        var today = now.Date;
        var askers = new List<string>();
        foreach (var stage in new[] { JourneyStage.Learn, JourneyStage.Build, JourneyStage.Scale })
        {
            var page = await store.ListMembersAsync(workspace,
                new MemberQuery { Stage = stage, FirstActivity = new DateRange(null, today.AddDays(-180)), Limit = 100 }, cancellationToken);
            askers.AddRange(page.Members.Select(member => member.Email).OfType<string>());
        }

        if (askers.Count == 0)
        {
            return;
        }

        using var csv = new StringReader(QuestionsCsv(askers, today));
        await new QuestionsCsvImport(store).ImportAsync(workspace, new QuestionsCsvReader(csv, defaultChannel: "forum"), "demo-questions.csv",
            skipInvalid: false, cancellationToken: cancellationToken);
    }

    private static string QuestionsCsv(IReadOnlyList<string> askers, DateTime today)
    {
        var random = new Random(20240426);
        var csv = new StringBuilder("id,title,body,email,created_at,tags,answered_at\n");
        var id = 0;
        foreach (var topic in Topics)
        {
            for (var i = 0; i < topic.Count; i++)
            {
                id++;
                var created = today.AddDays(-4 - random.Next(150)).AddMinutes(random.Next(24 * 60));
                var answered = random.NextDouble() < topic.AnsweredShare ? created.AddHours(1 + random.Next(72)).ToString("O", CultureInfo.InvariantCulture) : "";
                csv.Append(CultureInfo.InvariantCulture,
                    $"q{id},\"{topic.Titles[i % topic.Titles.Length]}\",\"{topic.Body}\",{askers[random.Next(askers.Count)]},{created:yyyy-MM-ddTHH:mm:ssZ},\"{topic.Tags}\",{answered}\n");
            }
        }

        return csv.ToString();
    }
}
