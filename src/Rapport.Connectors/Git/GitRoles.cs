namespace Rapport.Connectors.Git;

/// <summary>The <c>role</c> property of a <c>git.commit</c> activity: what the person did in the commit.</summary>
public static class GitRoles
{
    public const string Author = "author";

    /// <summary>Named in a <c>Co-authored-by:</c> trailer.</summary>
    public const string CoAuthor = "co-author";

    /// <summary>Applied the commit (rebased, cherry-picked, merged a patch) and is not its author.</summary>
    public const string Committer = "committer";
}
