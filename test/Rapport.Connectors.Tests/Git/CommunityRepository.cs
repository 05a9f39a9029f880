namespace Rapport.Connectors.Tests.Git;

/// <summary>
/// A small project history with what real ones have: a <c>.mailmap</c> in all four forms, people committing under
/// several names and addresses, co-authors, a pull request merged in GitHub's web interface by dependabot, and a
/// commit applied by someone other than its author.
/// </summary>
internal static class CommunityRepository
{
    public const string Mailmap =
        """
        # Every form git knows, and a shared build address told apart by commit name.
        Ada Lovelace <ada@example.com>
        <grace@navy.mil> <grace@old-laptop.local>
        Charles Babbage <charles@example.com> <cb@difference.engine>
        Alan Turing <alan@example.com> Alan <shared@build.local>
        Kathy Johnson <kathy@example.com> kj <SHARED@build.local>

        """;

    public const int Commits = 10;

    /// <summary>Authors, co-authors and committers who are someone else, minus web-flow and repeats.</summary>
    public const int Activities = 13;

    /// <summary>Every raw name and address in the history, as commits and trailers give them.</summary>
    public static readonly string[] RawPeople =
    [
        "ada <ADA@Example.com>", "Ada Lovelace <ada@example.com>", "Grace <grace@old-laptop.local>",
        "Grace Hopper <grace@navy.mil>", "Ada L <ada@example.com>", "Charles <cb@difference.engine>",
        "Alan <shared@build.local>", "KJ <shared@build.local>", "builder <shared@build.local>",
        "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", "GitHub <noreply@github.com>",
        "octocat <583231+octocat@users.noreply.github.com>", "Charles Babbage <charles@example.com>",
    ];

    public static ScratchRepository Create(string? directoryName = null)
    {
        var repository = new ScratchRepository(directoryName);
        repository.Write(".mailmap", Mailmap);
        repository.Commit("ada <ADA@Example.com>", "Add the engine notes", files: ".mailmap");
        repository.Commit("Ada Lovelace <ada@example.com>", "Note G: computing Bernoulli numbers");
        repository.Commit("Grace <grace@old-laptop.local>", "Write the first compiler");
        repository.Commit("Grace Hopper <grace@navy.mil>",
            "Pair on the loop example\n\nWorked through it together.\n\nCo-authored-by: Ada L <ada@example.com>\nCo-authored-by: Charles <cb@difference.engine>");
        repository.Commit("Alan <shared@build.local>", "Fix the halting check");
        repository.Commit("KJ <shared@build.local>", "Compute the trajectory");
        repository.Commit("builder <shared@build.local>", "Release 1.0");
        repository.Commit("dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
            "Bump lodash from 4.17.20 to 4.17.21", committer: "GitHub <noreply@github.com>");
        repository.Commit("octocat <583231+octocat@users.noreply.github.com>", "Fix a typo in the README",
            committer: "Ada Lovelace <ada@example.com>");
        repository.Commit("Charles Babbage <charles@example.com>",
            "Design the analytical engine\n\nco-authored-by: Charles <cb@difference.engine>");
        return repository;
    }
}
