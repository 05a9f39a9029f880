using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Rapport.Core.Identities;

namespace Rapport.Connectors.Git;

/// <summary>
/// A local git repository, read by running the <c>git</c> executable (anyone importing a repository has it). Only the
/// history of <c>HEAD</c> is read; nothing in the repository is changed.
/// </summary>
public sealed class GitRepository
{
    private GitRepository(string path, string gitDirectory, string? workingTree, GitRemote? origin)
    {
        Path = path;
        GitDirectory = gitDirectory;
        WorkingTree = workingTree;
        Origin = origin;
    }

    /// <summary>The path the repository was opened by, for messages.</summary>
    public string Path { get; }

    public string GitDirectory { get; }

    /// <summary>The top of the working tree; <c>null</c> for a bare repository.</summary>
    public string? WorkingTree { get; }

    /// <summary>The <c>origin</c> remote, when it has an owner and a name.</summary>
    public GitRemote? Origin { get; }

    /// <summary>The origin's <c>owner/name</c>, else the repository's directory name.</summary>
    public string DefaultName => Origin?.OwnerAndName ?? DirectoryName();

    /// <summary>Opens the repository at or above <paramref name="path"/>; a <see cref="GitException"/> says why it cannot.</summary>
    public static async Task<GitRepository> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            throw new GitException($"{path}: no such directory");
        }

        var probe = await RunAsync(path, ["rev-parse", "--is-bare-repository", "--absolute-git-dir"], cancellationToken).ConfigureAwait(false);
        if (probe.ExitCode != 0)
        {
            var reason = FirstLine(probe.Error);
            throw new GitException(reason.StartsWith("not a git repository", StringComparison.Ordinal)
                ? $"{path}: not a git repository"
                : $"{path}: git cannot read this repository: {reason}");
        }

        var lines = probe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var bare = lines[0] == "true";
        string? workingTree = null;
        if (!bare)
        {
            var top = await RunAsync(path, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
            workingTree = top.ExitCode == 0 ? top.Output.TrimEnd('\n') : null;
        }

        var head = await RunAsync(path, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cancellationToken).ConfigureAwait(false);
        if (head.ExitCode != 0)
        {
            throw new GitException($"{path}: the repository has no commits yet");
        }

        var origin = await ConfigAsync(path, "remote.origin.url", cancellationToken).ConfigureAwait(false);
        return new GitRepository(path, lines[1], workingTree, origin is null ? null : GitRemote.TryParse(origin));
    }

    /// <summary>
    /// The mailmap exactly as git assembles it: the working tree's <c>.mailmap</c> (not followed if it is a symbolic
    /// link), then the blob <c>mailmap.blob</c> names (by default <c>HEAD:.mailmap</c> in a bare repository), then the
    /// file <c>mailmap.file</c> names. Missing sources are skipped, as git skips them.
    /// </summary>
    public async Task<Mailmap> ReadMailmapAsync(CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        if (WorkingTree is not null)
        {
            var file = new FileInfo(System.IO.Path.Combine(WorkingTree, ".mailmap"));
            if (file.Exists && file.LinkTarget is null)
            {
                texts.Add(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false));
            }
        }

        var blob = await ConfigAsync(Path, "mailmap.blob", cancellationToken).ConfigureAwait(false)
            ?? (WorkingTree is null ? "HEAD:.mailmap" : null);
        if (blob is not null)
        {
            var content = await RunAsync(Path, ["cat-file", "blob", blob], cancellationToken).ConfigureAwait(false);
            if (content.ExitCode == 0)
            {
                texts.Add(content.Output);
            }
        }

        if (await ConfigAsync(Path, "mailmap.file", cancellationToken, "--path").ConfigureAwait(false) is { } configured)
        {
            var file = System.IO.Path.Combine(WorkingTree ?? GitDirectory, configured);
            if (File.Exists(file))
            {
                texts.Add(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
            }
        }

        return Mailmap.Parse(texts);
    }

    /// <summary>The number of commits in the history of <c>HEAD</c>, for progress.</summary>
    public async Task<long> CountCommitsAsync(CancellationToken cancellationToken)
    {
        var count = await RunAsync(Path, ["rev-list", "--count", "HEAD"], cancellationToken).ConfigureAwait(false);
        return count.ExitCode == 0 && long.TryParse(count.Output.Trim(), CultureInfo.InvariantCulture, out var commits)
            ? commits
            : throw new GitException($"{Path}: git rev-list failed ({FirstLine(count.Error)})");
    }

    /// <summary>The history of <c>HEAD</c>, oldest commit first, read as git prints it.</summary>
    public async IAsyncEnumerable<GitCommit> ReadCommitsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The user's configuration must not change the output: signatures would be printed between commits.
        using var git = Start(Path,
        [
            "-c", "log.showSignature=false", "log", "--no-mailmap", "--no-color", "--encoding=UTF-8", "--reverse",
            "--format=" + GitLogReader.Format, "HEAD", "--",
        ]);
        var error = git.StandardError.ReadToEndAsync(cancellationToken);
        var finished = false;
        try
        {
            await foreach (var commit in GitLogReader.ReadAsync(git.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false))
            {
                yield return commit;
            }

            await git.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            finished = true;
            if (git.ExitCode != 0)
            {
                throw new GitException($"{Path}: git log failed ({FirstLine(await error.ConfigureAwait(false))})");
            }
        }
        finally
        {
            if (!finished)
            {
                // Stopped early (cancelled, or the import failed): git must not be left writing to a full pipe.
                git.Kill(entireProcessTree: true);
            }
        }
    }

    private string DirectoryName()
    {
        var directory = System.IO.Path.GetFileName((WorkingTree ?? GitDirectory).TrimEnd('/'));
        return WorkingTree is null && directory.EndsWith(".git", StringComparison.Ordinal) && directory.Length > 4
            ? directory[..^4]
            : directory;
    }

    private static async Task<string?> ConfigAsync(string path, string key, CancellationToken cancellationToken, string? type = null)
    {
        string[] arguments = type is null ? ["config", "--get", key] : ["config", type, "--get", key];
        var value = await RunAsync(path, arguments, cancellationToken).ConfigureAwait(false);
        return value.ExitCode == 0 ? value.Output.TrimEnd('\n') : null;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string path, string[] arguments, CancellationToken cancellationToken)
    {
        using var git = Start(path, arguments);
        var output = git.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = git.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await git.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            git.Kill(entireProcessTree: true);
            throw;
        }

        return (git.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static Process Start(string path, string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            var process = Process.Start(start) ?? throw new GitException("git could not be started");
            process.StandardInput.Close();
            return process;
        }
        catch (Win32Exception e)
        {
            throw new GitException($"git could not be run ({e.Message}); install git and make sure it is on PATH");
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? "git printed no reason" : line.StartsWith("fatal: ", StringComparison.Ordinal) ? line[7..] : line;
    }
}
