using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Rapport.Tests;

/// <summary>A <c>rapport serve</c> process on a free loopback port, for tests that need a real server to kill.</summary>
internal sealed class RapportServerProcess : IDisposable
{
    private readonly Process _process;

    private RapportServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static Task<RapportServerProcess> StartAsync(string workingDirectory, params string[] arguments) =>
        StartAsync(workingDirectory, new Dictionary<string, string>(), arguments, serveArguments: []);

    /// <summary>Starts <c>rapport serve</c> with these environment variables set, as a service manager would.</summary>
    public static Task<RapportServerProcess> StartAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartAsync(workingDirectory, environment, arguments, serveArguments: []);

    /// <summary>Starts <c>rapport ARGUMENTS serve SERVEARGUMENTS --urls …</c> on a free port.</summary>
    public static Task<RapportServerProcess> StartAsync(string workingDirectory, string[] arguments, string[] serveArguments) =>
        StartAsync(workingDirectory, new Dictionary<string, string>(), arguments, serveArguments);

    private static async Task<RapportServerProcess> StartAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments, string[] serveArguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = RapportProcess.StartInfo(workingDirectory, [.. arguments, "serve", .. serveArguments, "--urls", address.ToString()]);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RapportServerProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        // A machine shared by several engineers' builds can take well over 30 s to start a server.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"rapport serve exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or listening but slower than the client's 2 s to answer (a machine shared by
                // several test runs): ask again until the deadline.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        server.Dispose();
        throw new TimeoutException("rapport serve did not answer /healthz within 90 seconds");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when the machine loses power or the OOM killer strikes.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
