using System.Net;
using System.Text;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport hooks github secret --secret-stdin</c> run as a process, then used by a real server.</summary>
public sealed class HookCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_secret_from_standard_input_is_not_printed_and_verifies_GitHubs_test_vector()
    {
        var db = _directory.File("rapport.duckdb");

        var set = await RapportProcess.RunShellAsync(_directory.Path,
            $"printf \"It's a Secret to Everybody\\n\" | dotnet '{RapportProcess.ExecutablePath}' --db '{db}' --workspace acme hooks github secret --secret-stdin");

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.DoesNotContain("Everybody", set.Output, StringComparison.Ordinal);
        Assert.Contains("Payload URL:   http://127.0.0.1:5000/hooks/github/acme", set.Output, StringComparison.Ordinal);
        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", db);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github/acme")
        {
            Content = new StringContent("Hello, World!", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", "ping");
        request.Headers.Add("X-GitHub-Delivery", "test-vector");
        request.Headers.Add("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        // The signature matches, so the body is read, and "Hello, World!" is not the JSON a delivery carries.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the ping payload is not valid JSON", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_standard_input_is_refused_and_nothing_is_written()
    {
        var set = await RapportProcess.RunAsync(_directory.Path, "--db", "rapport.duckdb", "hooks", "github", "secret", "--secret-stdin");

        Assert.Equal(1, set.ExitCode);
        Assert.StartsWith("rapport: --secret-stdin read no secret from standard input", set.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("rapport.duckdb")));
    }

    public void Dispose() => _directory.Dispose();
}
