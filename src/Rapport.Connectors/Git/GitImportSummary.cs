using Rapport.Core.Ingest;

namespace Rapport.Connectors.Git;

/// <summary>What an import of a repository's history did.</summary>
/// <param name="Commits">Commits read from the history of HEAD.</param>
/// <param name="AlreadyImported">Commits whose activities were all stored by an earlier import.</param>
/// <param name="PeopleWithoutEmail">People left out because their commit address is not an email address.</param>
public sealed record GitImportSummary(string RepositoryName, long Commits, long AlreadyImported, long PeopleWithoutEmail, IngestSummary Ingest)
{
    public long NewCommits => Commits - AlreadyImported;
}
