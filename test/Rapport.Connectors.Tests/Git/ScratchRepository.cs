using System.Diagnostics;

namespace Rapport.Connectors.Tests.Git;

/// <summary>
/// A real git repository in a temporary directory, built with the <c>git</c> executable. The user's own git
/// configuration is kept out, so that commits carry exactly the names, addresses and times a test gives.
/// </summary>
internal sealed class ScratchRepository : IDisposable
{
    private int _commits;

    public ScratchRepository(string? directoryName = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rapport-git-tests", Guid.NewGuid().ToString("N"), directoryName ?? "scratch");
        Directory.CreateDirectory(Path);
        Git("init", "--quiet", "--initial-branch=main");
    }

    public string Path { get; }

    /// <summary>Writes a file into the working tree (not committed).</summary>
    public void Write(string name, string content) => File.WriteAllText(System.IO.Path.Combine(Path, name), content);

    /// <summary>Commits a change with the given author (and committer, the author unless given), one second after the previous commit.</summary>
    public string Commit(string author, string message, string? committer = null, params string[] files)
    {
        _commits++;
        var change = $"change-{_commits}.txt";
        Write(change, message);
        Git("add", change);
        foreach (var file in files)
        {
            Git("add", file);
        }

        var (authorName, authorEmail) = Split(author);
        var (committerName, committerEmail) = Split(committer ?? author);
        var date = $"{1767261600 + (_commits * 60)} +0000";
        Git(new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = authorName,
            ["GIT_AUTHOR_EMAIL"] = authorEmail,
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_NAME"] = committerName,
            ["GIT_COMMITTER_EMAIL"] = committerEmail,
            ["GIT_COMMITTER_DATE"] = date,
        }, "commit", "--quiet", "--allow-empty-message", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Runs git in the repository and returns what it printed; a failure fails the test.</summary>
    public string Git(params string[] arguments) => Git(new Dictionary<string, string>(), arguments);

    public void Dispose()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (IOException)
        {
            // A git process that still holds a file open is not a test failure; the OS temp cleanup takes it.
        }
    }

    private string Git(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Result}");
        }

        return output;
    }

    private static (string Name, string Email) Split(string person)
    {
        var left = person.IndexOf('<', StringComparison.Ordinal);
        return (person[..left].Trim(), person[(left + 1)..person.IndexOf('>', left)]);
    }
}
