using System.CommandLine;
using System.Runtime.InteropServices;

namespace Rapport.Cli;

/// <summary>
/// Gives bulk commands (imports, the demo) a 24 MB budget for the collector's youngest generation. .NET sizes that
/// budget from the CPU cache the operating system reports, at most 6 MB; where none is reported, as in many virtual
/// machines, it starts from 256 KB. An import keeps a few thousand messages in flight between its threads, so most
/// small collections copied them on: ten million messages took 48–49 s instead of 42.5–45 s (docs/benchmarks.md,
/// seventh round).
/// </summary>
/// <remarks>
/// The collector reads this setting only from the environment (<c>DOTNET_GCgen0size</c>) when the runtime starts,
/// and runtimeconfig.json cannot carry it. So on Linux a bulk command replaces its own process once, with
/// <c>execve</c>, before it does anything: the process id, standard streams, working directory and signals stay
/// those the caller started, and the command line is read back exactly from <c>/proc/self/cmdline</c>. A budget
/// already in the environment is left as it is, which also ends the re-execution; elsewhere, or if the process
/// cannot be replaced, the command runs as it is.
/// </remarks>
internal static partial class BulkGcBudget
{
    internal const string Variable = "DOTNET_GCgen0size";

    /// <summary>
    /// 24 MB, in the hexadecimal the runtime reads. At ten million messages 16 MB gained a third as much, while 32 and
    /// 64 MB were no faster and peaked 20 to 70 MiB higher.
    /// </summary>
    internal const string Budget = "0x1800000";

    private static readonly string[] BulkCommands = ["import", "demo"];

    /// <summary>Whether the parsed command is one that moves many rows: any import, or the demo.</summary>
    public static bool Wants(ParseResult parse)
    {
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand && BulkCommands.Contains(result.Command.Name, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces this process with the same command under the budget; returns only if it is not replaced.</summary>
    public static void ApplyTo(ParseResult parse)
    {
        if (!OperatingSystem.IsLinux() || parse.Errors.Count > 0 || !Wants(parse) || IsSet(Variable) || IsSet("COMPlus_GCgen0size")
            || Environment.ProcessPath is not { } executable)
        {
            return;
        }

        string[] arguments;
        try
        {
            arguments = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(entry => (string)entry.Key != Variable)
            .Select(entry => $"{entry.Key}={entry.Value}")
            .Append($"{Variable}={Budget}");
        Replace(executable, arguments, environment);
    }

    private static bool IsSet(string name) => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name));

    private static void Replace(string executable, IEnumerable<string> arguments, IEnumerable<string> environment)
    {
        var strings = new List<nint>();
        try
        {
            var argv = ToNative(arguments, strings);
            var envp = ToNative(environment, strings);
            Console.Out.Flush();
            Console.Error.Flush();
            ReleaseDiagnosticsSocket();
            Execve(executable, argv, envp);

            // Still here: execve failed (the executable moved, a resource limit); the command simply runs as it is.
        }
        finally
        {
            foreach (var pointer in strings)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>
    /// The runtime listens for diagnostics tools (dotnet-counters, dotnet-trace) on a socket named after the process id
    /// and start time, both of which execve keeps: while this runtime's socket file remains, the next runtime cannot
    /// listen, and the tools could not attach to the import.
    /// </summary>
    private static void ReleaseDiagnosticsSocket()
    {
        try
        {
            foreach (var socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
            {
                File.Delete(socket);
            }
        }
        catch (IOException)
        {
            // Without the socket the import still runs; only the tools cannot attach.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A null-terminated array of UTF-8 strings, as execve reads it; the strings are added to <paramref name="owned"/>.</summary>
    private static nint[] ToNative(IEnumerable<string> values, List<nint> owned)
    {
        var pointers = new List<nint>();
        foreach (var value in values)
        {
            var pointer = Marshal.StringToCoTaskMemUTF8(value);
            owned.Add(pointer);
            pointers.Add(pointer);
        }

        pointers.Add(0);
        return [.. pointers];
    }

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execve(string path, nint[] argv, nint[] envp);
}
