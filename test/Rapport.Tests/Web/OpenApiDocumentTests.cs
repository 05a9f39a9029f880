using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Rapport.Storage;
using Rapport.Web;
using Rapport.Web.Access;

namespace Rapport.Tests.Web;

/// <summary>
/// The OpenAPI document as <c>rapport serve</c> serves it, against the route table it is generated from and the copy
/// checked in at docs/api/openapi.json.
/// </summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    /// <summary>Set to 1 to write the served document to docs/api/openapi.json instead of comparing with it.</summary>
    public const string UpdateVariable = "RAPPORT_UPDATE_OPENAPI";

    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private WebApplication _app = null!;
    private string _served = null!;
    private JsonDocument _document = null!;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        var response = await http.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _served = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        _document = JsonDocument.Parse(_served);
    }

    [Fact]
    public void Every_route_is_in_the_document_with_its_operation_id_summary_and_security()
    {
        var failures = new List<string>();
        var operations = 0;
        foreach (var (endpoint, method) in DescribedRoutes())
        {
            operations++;
            var route = $"{method} {endpoint.RoutePattern.RawText}";
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            var access = endpoint.Metadata.GetOrderedMetadata<RouteAccessMetadata>().LastOrDefault()?.Access;
            if (name is null)
            {
                failures.Add($"{route}: no operation id (.WithName(\"…\"))");
            }

            if (access is null)
            {
                failures.Add($"{route}: no access declared (.RequiresAccess(RouteAccess.…))");
            }

            if (!Operation(OpenApiPath(endpoint.RoutePattern.RawText!), method, out var operation))
            {
                failures.Add($"{route}: not in the OpenAPI document");
                continue;
            }

            if (!operation.TryGetProperty("operationId", out var id) || id.GetString() != name)
            {
                failures.Add($"{route}: operationId is not '{name}'");
            }

            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                failures.Add($"{route}: no summary (.WithSummary(\"…\"))");
            }

            var security = operation.TryGetProperty("security", out var declared) ? declared.GetRawText() : null;
            if (access is { } known && Normalize(security) != Normalize(ExpectedSecurity(known)))
            {
                failures.Add($"{route}: security {security ?? "none"} does not match RouteAccess.{known}");
            }
        }

        Assert.Empty(failures);
        Assert.True(operations >= 50, $"only {operations} routes were walked");
    }

    [Fact]
    public void Every_operation_in_the_document_is_a_route()
    {
        var routes = DescribedRoutes().Select(route => $"{route.Method} {OpenApiPath(route.Endpoint.RoutePattern.RawText!)}").ToHashSet();
        var documented = _document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();

        Assert.Equal(routes.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Operation_ids_are_unique_and_PascalCase()
    {
        var ids = Operations().Select(operation => operation.Value.GetProperty("operationId").GetString()!).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(PascalCase(), id));
    }

    [Fact]
    public void Every_successful_answer_names_a_schema()
    {
        var untyped = Operations()
            .SelectMany(operation => operation.Value.GetProperty("responses").EnumerateObject()
                .Where(response => response.Name is "200" or "201")
                .Select(response => (operation.Name, Response: response.Value)))
            .Where(answer => !answer.Response.TryGetProperty("content", out var content)
                || content.EnumerateObject().Any(media => !media.Value.TryGetProperty("schema", out _)))
            .Select(answer => answer.Name)
            .ToList();

        Assert.Empty(untyped);
        var schemas = _document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(schema => schema.Name).ToList();
        Assert.DoesNotContain("JsonObject", schemas);
        Assert.DoesNotContain("JsonNode", schemas);
    }

    [Fact]
    public void A_viewer_report_answers_problem_details_for_401_and_403_and_a_public_probe_does_not()
    {
        Assert.True(Operation("/api/v1/reports/funnel", "GET", out var funnel));
        var responses = funnel.GetProperty("responses");
        foreach (var status in new[] { "400", "401", "403" })
        {
            Assert.Equal("#/components/schemas/ProblemDetails",
                responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }

        Assert.False(responses.TryGetProperty("404", out _));
        Assert.True(Operation("/api/v1/leads/{id}", "GET", out var lead));
        Assert.True(lead.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(Operation("/healthz", "GET", out var health));
        Assert.Equal(["200"], health.GetProperty("responses").EnumerateObject().Select(response => response.Name));
        Assert.False(health.TryGetProperty("security", out _));
    }

    [Fact]
    public void The_document_says_what_it_is_and_how_to_authenticate()
    {
        var root = _document.RootElement;
        Assert.Equal("3.1.1", root.GetProperty("openapi").GetString());
        Assert.Equal("Rapport API", root.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("0.1.0", root.GetProperty("info").GetProperty("version").GetString());
        Assert.Equal("MIT", root.GetProperty("info").GetProperty("license").GetProperty("identifier").GetString());
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(["apiKey", "githubSignature", "session", "writeKey"], schemes.EnumerateObject().Select(scheme => scheme.Name).Order(StringComparer.Ordinal));
        Assert.Equal("bearer", schemes.GetProperty("apiKey").GetProperty("scheme").GetString());
        Assert.Equal("basic", schemes.GetProperty("writeKey").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("session").GetProperty("in").GetString());
        Assert.Equal("rapport.session", schemes.GetProperty("session").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_reference_page_is_served_from_the_package_and_reads_the_document()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };

        var page = await http.GetStringAsync("/api/reference/", TestContext.Current.CancellationToken);
        var script = await http.GetAsync("/api/reference/scalar.js", TestContext.Current.CancellationToken);

        Assert.Contains("<title>Rapport API</title>", page, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var undescribed = ((IEndpointRouteBuilder)_app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/openapi", StringComparison.Ordinal)
                || endpoint.RoutePattern.RawText!.StartsWith("/api/reference", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(undescribed);
        Assert.All(undescribed, endpoint => Assert.Equal(RouteAccess.Public, endpoint.Metadata.GetMetadata<RouteAccessMetadata>()?.Access));
    }

    [Fact]
    public void The_served_document_is_the_one_checked_in()
    {
        var served = _served.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(CheckedInPath(), served);
            return;
        }

        var checkedIn = File.ReadAllText(CheckedInPath()).ReplaceLineEndings("\n");
        Assert.True(checkedIn == served,
            $"The API changed: /openapi/v1.json differs from docs/api/openapi.json. If the change is meant, run the tests with {UpdateVariable}=1 "
            + "(dotnet test --project test/Rapport.Tests -- --filter-class '*OpenApiDocumentTests') and commit the new docs/api/openapi.json; "
            + $"the first difference is at line {FirstDifferentLine(checkedIn, served)}.");
    }

    public async ValueTask DisposeAsync()
    {
        _document.Dispose();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>The security an operation must declare for its access, written out by hand from docs/api/README.md.</summary>
    private static string? ExpectedSecurity(RouteAccess access) => access switch
    {
        RouteAccess.Public => null,
        RouteAccess.Signed => """[{"githubSignature": []}]""",
        RouteAccess.Ingest => """[{"writeKey": ["ingest"]}]""",
        RouteAccess.Viewer => """[{"session": ["viewer"]}, {"apiKey": ["read"]}, {"writeKey": ["read"]}]""",
        RouteAccess.Editor => """[{"session": ["editor"]}, {"apiKey": ["admin"]}, {"writeKey": ["admin"]}]""",
        RouteAccess.Owner => """[{"session": ["owner"]}, {"apiKey": ["admin"]}, {"writeKey": ["admin"]}]""",
        RouteAccess.OwnerSession => """[{"session": ["owner"]}]""",
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    private static string? Normalize(string? json) => json is null ? null : JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    /// <summary>Every route the document describes: the minimal-API routes (not the dashboard's pages), per HTTP method.</summary>
    private IEnumerable<(RouteEndpoint Endpoint, string Method)> DescribedRoutes() =>
        ((IEndpointRouteBuilder)_app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<ActionDescriptor>() is null)
            .Where(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (endpoint, method)));

    private IEnumerable<JsonProperty> Operations() =>
        _document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject());

    private bool Operation(string path, string method, out JsonElement operation)
    {
        operation = default;
        return _document.RootElement.GetProperty("paths").TryGetProperty(path, out var item)
            && item.TryGetProperty(method.ToLowerInvariant(), out operation);
    }

    /// <summary><c>/api/v1/leads/{id:long}</c> → <c>/api/v1/leads/{id}</c>; <c>/api/v1/leads/</c> → <c>/api/v1/leads</c>.</summary>
    private static string OpenApiPath(string pattern)
    {
        var path = RouteParameter().Replace(pattern, "{$1}");
        path = path.StartsWith('/') ? path : "/" + path;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var (left, right) = (expected.Split('\n'), actual.Split('\n'));
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        return line + 1;
    }

    private static string CheckedInPath([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "..", "docs", "api", "openapi.json"));

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]+$")]
    private static partial Regex PascalCase();
}
