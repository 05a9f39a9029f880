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

    public static async Task<RapportServerProcess> StartAsync(string workingDirectory, params string[] arguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[RapportProcess.ExecutablePath, .. arguments, "serve", "--urls", address.ToString()])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("RAPPORT_DB");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RapportServerProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
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
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer (a busy machine): ask again until the deadline.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        server.Dispose();
        throw new TimeoutException("rapport serve did not answer /healthz within 30 seconds");
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
