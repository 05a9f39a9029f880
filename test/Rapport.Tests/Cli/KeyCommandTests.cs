using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Core.ApiKeys;
using Rapport.Storage;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport keys create|list|revoke</c>, run as a process on a real DuckDB file.</summary>
public sealed partial class KeyCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Create_prints_the_key_once_and_the_key_authenticates_for_its_workspace_and_scope()
    {
        var created = await RunAsync("--workspace", "acme", "keys", "create", "--scope", "ingest", "--name", "website");

        Assert.Equal(0, created.ExitCode);
        var key = Assert.Single(KeyPattern().Matches(created.Output)).Value;
        Assert.Contains("cannot be shown again", created.Output, StringComparison.Ordinal);
        await using var store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        var grant = await store.AuthenticateApiKeyAsync(key, TestContext.Current.CancellationToken);
        Assert.NotNull(grant);
        Assert.Equal("acme", grant.Workspace.Slug);
        Assert.Equal(ApiKeyScope.Ingest, grant.Scope);
        Assert.Null(await store.AuthenticateApiKeyAsync(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task List_shows_prefix_scope_name_and_dates_but_never_the_key()
    {
        var key = KeyPattern().Match((await RunAsync("keys", "create", "--scope", "ingest", "--name", "website")).Output).Value;
        await RunAsync("keys", "create", "--scope", "read");

        var table = await RunAsync("keys", "list");
        var json = await RunAsync("keys", "list", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains(key[..12], table.Output, StringComparison.Ordinal);
        Assert.Contains("website", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, table.Output + json.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        var keys = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal([key[..12]], keys.Take(1).Select(k => k.GetProperty("prefix").GetString()).ToArray());
        Assert.Equal(["ingest", "read"], keys.Select(k => k.GetProperty("scope").GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Null, keys[1].GetProperty("name").ValueKind);
        Assert.All(keys, k => Assert.Equal(JsonValueKind.Null, k.GetProperty("revokedAt").ValueKind));
    }

    [Fact]
    public async Task Revoke_by_prefix_or_id_marks_the_key_revoked_and_it_no_longer_authenticates()
    {
        var first = KeyPattern().Match((await RunAsync("keys", "create", "--scope", "ingest")).Output).Value;
        var second = KeyPattern().Match((await RunAsync("keys", "create", "--scope", "admin")).Output).Value;

        var byPrefix = await RunAsync("keys", "revoke", first[..12]);
        var byId = await RunAsync("keys", "revoke", "2");

        Assert.Equal(0, byPrefix.ExitCode);
        Assert.Contains($"Revoked the key {first[..12]}", byPrefix.Output, StringComparison.Ordinal);
        Assert.Equal(0, byId.ExitCode);
        using var document = JsonDocument.Parse((await RunAsync("keys", "list", "--json")).Output);
        Assert.All(document.RootElement.EnumerateArray(), k => Assert.Equal(JsonValueKind.String, k.GetProperty("revokedAt").ValueKind));
        await using var store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        Assert.Null(await store.AuthenticateApiKeyAsync(first, TestContext.Current.CancellationToken));
        Assert.Null(await store.AuthenticateApiKeyAsync(second, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Revoking_an_unknown_key_fails_and_says_so()
    {
        await RunAsync("keys", "create", "--scope", "ingest");

        var revoke = await RunAsync("keys", "revoke", "rpk_nothere1");

        Assert.Equal(1, revoke.ExitCode);
        Assert.Equal("rapport: workspace 'default' has no key 'rpk_nothere1'; rapport keys list shows its keys", revoke.Error.Trim());
    }

    [Fact]
    public async Task Create_needs_a_known_scope()
    {
        var missing = await RunAsync("keys", "create");
        var unknown = await RunAsync("keys", "create", "--scope", "write");

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--scope", missing.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("'write'", unknown.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    [GeneratedRegex("rpk_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyPattern();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}
