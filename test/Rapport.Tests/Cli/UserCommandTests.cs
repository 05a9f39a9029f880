namespace Rapport.Tests.Cli;

/// <summary><c>rapport users link</c> run as a user runs it.</summary>
public sealed class UserCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_disabled_user_gets_no_sign_in_link_until_enabled_as_over_http()
    {
        // An owner first: Rapport keeps an active owner, so the only user could not be disabled.
        Assert.Equal(0, (await RunAsync("users", "create", "--email", "lead@example.com", "--role", "owner")).ExitCode);
        Assert.Equal(0, (await RunAsync("users", "create", "--email", "kim@example.com", "--role", "editor")).ExitCode);
        Assert.Equal(0, (await RunAsync("users", "disable", "--email", "kim@example.com")).ExitCode);

        var refused = await RunAsync("users", "link", "--email", "kim@example.com");
        Assert.Equal(0, (await RunAsync("users", "enable", "--email", "kim@example.com")).ExitCode);
        var printed = await RunAsync("users", "link", "--email", "kim@example.com", "--url", "https://rapport.example.com");

        Assert.Equal((1, "rapport: kim@example.com is disabled, so a sign-in link would not work: rapport users enable kim@example.com first\n"),
            (refused.ExitCode, refused.Error));
        Assert.Equal(0, printed.ExitCode);
        Assert.Contains("https://rapport.example.com/signin/link/", printed.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}
