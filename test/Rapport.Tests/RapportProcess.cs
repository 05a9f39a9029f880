using System.Diagnostics;

namespace Rapport.Tests;

/// <summary>Runs the built <c>rapport</c> executable as a user would, and captures what it prints.</summary>
internal static class RapportProcess
{
    public static string ExecutablePath { get; } = Path.Combine(AppContext.BaseDirectory, "rapport.dll");

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] arguments) =>
        StartAsync("dotnet", [ExecutablePath, .. arguments], workingDirectory);

    /// <summary>Runs <c>rapport</c> with these environment variables set, as a service manager would.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartAsync("dotnet", [ExecutablePath, .. arguments], workingDirectory, environment);

    /// <summary>
    /// How to start <c>rapport ARGUMENTS</c> for a test that works with the process while it runs (a server to call, an
    /// import to kill): output and errors redirected, the test machine's own Rapport settings kept out.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(ExecutablePath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Isolate(start.Environment);
        return start;
    }

    /// <summary>Runs a shell pipeline, for standard input and exit codes as a shell user sees them.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunShellAsync(string workingDirectory, string script) =>
        StartAsync("/bin/sh", ["-c", script], workingDirectory);

    private static async Task<(int ExitCode, string Output, string Error)> StartAsync(
        string program, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Isolate(start.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Keeps the test machine's own Rapport settings out of the process under test.</summary>
    public static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(name => name.StartsWith("RAPPORT_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(name);
        }
    }
}
