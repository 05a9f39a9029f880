using System.Buffers;
using System.Text;
using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Git;

/// <summary>
/// Turns a commit into <c>git.commit</c> activities, one per person who made it: the author, every co-author, and the
/// committer when that is someone else (not GitHub's web-flow, which commits what is merged in the browser). People
/// are known by their mailmapped address; a GitHub noreply address also names their GitHub login.
/// </summary>
public sealed class GitCommitActivities(string repositoryName, Mailmap mailmap, GitRemote? origin = null)
{
    public const string ActivityType = "git.commit";
    public const string Source = "git";
    public const int SubjectLength = 200;

    private readonly ArrayBufferWriter<byte> _json = new(512);
    private readonly List<string> _people = new(4);

    /// <summary>
    /// Adds the commit's activities to <paramref name="messages"/>; returns how many of its people were left out
    /// because their address is not an email address (git accepts anything there).
    /// </summary>
    public int AddTo(GitCommit commit, List<IngestMessage> messages)
    {
        var skipped = 0;
        var people = _people;
        people.Clear();
        var url = origin?.CommitUrl(commit.Sha);
        void Add(GitPerson raw, string role, DateTime timestamp)
        {
            var (name, email) = mailmap.Map(raw.Name, raw.Email);
            email = email.Trim();
            foreach (var seen in people)
            {
                if (string.Equals(seen, email, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }

            people.Add(email);
            if (!Identity.TryCreate(IdentityKinds.Email, email, out var primary, out _))
            {
                skipped++;
                return;
            }

            Identity[] identities = GitHubNoreplyEmail.TryGetLogin(primary.Value, out var login)
                ? [primary, Identity.Create(IdentityKinds.GitHub, login)]
                : [primary];
            var bot = BotAccounts.IsBotName(name) || BotAccounts.IsBotEmail(email) || BotAccounts.IsBotName(raw.Name) || BotAccounts.IsBotEmail(raw.Email);
            var messageId = $"git:{repositoryName}:{commit.Sha}:{role}:{raw.Email.Trim().ToLowerInvariant()}";
            messages.Add(new IngestMessage
            {
                MessageId = messageId,
                MessageKey = MessageKeys.For(messageId),
                Kind = MessageKind.Track,
                ActivityType = ActivityType,
                Primary = primary,
                Identities = identities,
                Timestamp = timestamp,
                Traits = string.IsNullOrWhiteSpace(name) ? [] : [new Trait("name", JsonSerializer.Serialize(name.Trim()))],
                PropertiesJson = Properties(commit, role, bot),
                Context = new ActivityContext { Channel = Source, Url = url },
                Source = Source,
            });
        }

        Add(commit.Author, GitRoles.Author, commit.AuthoredAt);
        foreach (var coAuthor in commit.CoAuthors)
        {
            Add(coAuthor, GitRoles.CoAuthor, commit.AuthoredAt);
        }

        if (!IsWebFlow(commit.Committer))
        {
            Add(commit.Committer, GitRoles.Committer, commit.CommittedAt);
        }

        return skipped;
    }

    /// <summary>GitHub's committer for merges, squashes and edits made in its web interface: a tool, not a person.</summary>
    private static bool IsWebFlow(GitPerson committer) =>
        string.Equals(committer.Email.Trim(), "noreply@github.com", StringComparison.OrdinalIgnoreCase);

    private string Properties(GitCommit commit, string role, bool bot)
    {
        _json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_json))
        {
            writer.WriteStartObject();
            writer.WriteString("repo", repositoryName);
            writer.WriteString("sha", commit.Sha);
            writer.WriteString("subject", commit.Subject.Length <= SubjectLength ? commit.Subject : commit.Subject[..SubjectLength] + "…");
            writer.WriteString("role", role);
            if (bot)
            {
                writer.WriteBoolean(BotAccounts.Property, true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(_json.WrittenSpan);
    }
}
