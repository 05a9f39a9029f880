using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Git;

/// <summary>
/// Imports the history of a repository's HEAD into a workspace in one transaction. Activities have deterministic
/// message ids (repository name, commit, role, address), so importing again stores only commits not seen before.
/// </summary>
public sealed class GitImport(IRapportStore store)
{
    /// <param name="repositoryName">Names the repository in activities and message ids; keep it the same between runs.</param>
    /// <param name="onProgress">Told of the number of commits read so far, every few hundred commits.</param>
    public async Task<GitImportSummary> ImportAsync(
        Workspace workspace,
        GitRepository repository,
        string repositoryName,
        Action<long>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        var mailmap = await repository.ReadMailmapAsync(cancellationToken).ConfigureAwait(false);
        var activities = new GitCommitActivities(repositoryName, mailmap, repository.Origin);
        await using var session = await store.BeginIngestAsync(workspace, cancellationToken).ConfigureAwait(false);
        var messages = new List<IngestMessage>(8);
        long commits = 0, alreadyImported = 0, withoutEmail = 0;
        await foreach (var commit in repository.ReadCommitsAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Clear();
            withoutEmail += activities.AddTo(commit, messages);
            if (messages.Count > 0)
            {
                // Added commit by commit so that the duplicate count tells whether this commit was imported before.
                var duplicates = session.Summary.DuplicatesSkipped;
                await session.AddAsync(messages, cancellationToken).ConfigureAwait(false);
                if (session.Summary.DuplicatesSkipped - duplicates == messages.Count)
                {
                    alreadyImported++;
                }
            }

            if (++commits % 500 == 0)
            {
                onProgress?.Invoke(commits);
            }
        }

        onProgress?.Invoke(commits);
        var summary = await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new GitImportSummary(repositoryName, commits, alreadyImported, withoutEmail, summary);
    }
}
