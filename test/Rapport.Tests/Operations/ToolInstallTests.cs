using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Rapport.Tests.Operations;

/// <summary>The <c>dotnet tool</c> package, built as eng/pack-tool.sh builds it and installed as a user installs it.</summary>
public sealed partial class ToolInstallTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task The_packed_tool_installs_from_a_folder_prints_its_version_and_commit_and_serves_the_demo()
    {
        var repository = RepositoryRoot();
        var feed = _directory.File("feed");
        await RunAsync("dotnet", repository, "pack", Path.Combine(repository, "src", "Rapport"), "-c", "Release", "-o", feed);
        var package = Assert.Single(Directory.GetFiles(feed, "Rapport.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["Rapport.".Length..];

        var tools = _directory.File("tools");
        await RunAsync("dotnet", _directory.Path, "tool", "install", "Rapport", "--tool-path", tools, "--add-source", feed, "--version", version);
        var rapport = Path.Combine(tools, "rapport");

        var printed = (await RunAsync(rapport, _directory.Path, "--version")).Trim();
        var commit = (await RunAsync("git", repository, "rev-parse", "HEAD")).Trim();
        Assert.Equal($"{version}+{commit}", printed);
        Assert.Matches(VersionPattern(), version);

        var port = FreePort();
        var start = new ProcessStartInfo(rapport) { WorkingDirectory = _directory.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["demo", "--developers", "200", "--urls", $"http://127.0.0.1:{port}"])
        {
            start.ArgumentList.Add(argument);
        }

        RapportProcess.Isolate(start.Environment);
        using var demo = Process.Start(start)!;
        demo.OutputDataReceived += (_, _) => { };
        demo.ErrorDataReceived += (_, _) => { };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddMinutes(2);
            HttpStatusCode? health = null;
            while (health != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                Assert.False(demo.HasExited, "rapport demo exited before it served");
                try
                {
                    health = (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested))
                {
                    await Task.Delay(250, TestContext.Current.CancellationToken);
                }
            }

            Assert.Equal(HttpStatusCode.OK, health);
            Assert.True(File.Exists(_directory.File("rapport-demo.duckdb")));
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => _directory.Dispose();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Rapport.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }

    private static async Task<string> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        RapportProcess.Isolate(start.Environment);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {await error}{await output}");
        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex VersionPattern();
}
