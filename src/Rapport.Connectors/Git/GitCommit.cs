namespace Rapport.Connectors.Git;

/// <summary>One commit as <c>git log</c> printed it, with raw (not yet mailmapped) names and addresses.</summary>
/// <param name="Subject">The first line of the message (git's <c>%s</c>).</param>
/// <param name="CoAuthors">The people in the message's <c>Co-authored-by:</c> trailers, in order.</param>
public sealed record GitCommit(
    string Sha,
    GitPerson Author,
    DateTime AuthoredAt,
    GitPerson Committer,
    DateTime CommittedAt,
    string Subject,
    IReadOnlyList<GitPerson> CoAuthors);
