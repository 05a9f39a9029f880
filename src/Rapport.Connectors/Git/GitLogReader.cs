using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Rapport.Connectors.Git;

/// <summary>
/// Reads the output of <c>git log --format=</c><see cref="Format"/> as a stream, commit by commit, without holding the
/// whole history in memory. Every field ends in a NUL, which no name, address or subject can contain; co-authors are
/// separated by the unit separator (0x1F) within their field.
/// </summary>
public static class GitLogReader
{
    /// <summary>
    /// Hash, author name/address/time, committer name/address/time, subject, and the unfolded values of the
    /// <c>Co-authored-by</c> trailers (matched without regard to case, as git matches trailer keys). Raw names and
    /// addresses (<c>%an</c>, not <c>%aN</c>): the mailmap is applied by Rapport.
    /// </summary>
    public const string Format =
        "tformat:%H%x00%an%x00%ae%x00%at%x00%cn%x00%ce%x00%ct%x00%s%x00%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1F)%x00";

    private const int FieldCount = 9;
    private const char CoAuthorSeparator = '\u001f';

    public static async IAsyncEnumerable<GitCommit> ReadAsync(Stream output, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(output, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        var buffer = new char[1 << 16];
        var parser = new Parser();
        var commits = new List<GitCommit>(256);
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            commits.Clear();
            parser.Feed(buffer.AsSpan(0, read), commits);
            foreach (var commit in commits)
            {
                yield return commit;
            }
        }

        parser.Finish();
    }

    /// <summary>Splits characters into NUL-terminated fields, across buffer boundaries.</summary>
    private sealed class Parser
    {
        private readonly string[] _fields = new string[FieldCount];
        private readonly StringBuilder _partial = new();
        private int _count;
        private long _commits;

        public void Feed(ReadOnlySpan<char> text, List<GitCommit> commits)
        {
            while (!text.IsEmpty)
            {
                // tformat ends every commit with a newline after its last field; it is not part of the next hash.
                if (_count == 0 && _partial.Length == 0 && text[0] == '\n')
                {
                    text = text[1..];
                    continue;
                }

                var end = text.IndexOf('\0');
                if (end < 0)
                {
                    _partial.Append(text);
                    return;
                }

                if (_partial.Length > 0)
                {
                    _partial.Append(text[..end]);
                    _fields[_count++] = _partial.ToString();
                    _partial.Clear();
                }
                else
                {
                    _fields[_count++] = text[..end].ToString();
                }

                text = text[(end + 1)..];
                if (_count == FieldCount)
                {
                    commits.Add(ToCommit());
                    _count = 0;
                }
            }
        }

        public void Finish()
        {
            if (_count != 0 || _partial.Length != 0)
            {
                throw new GitException($"git log's output ended in the middle of commit {_commits + 1}");
            }
        }

        private GitCommit ToCommit()
        {
            _commits++;
            var f = _fields;
            var coAuthors = new List<GitPerson>();
            foreach (var value in f[8].Split(CoAuthorSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (GitPerson.TryParse(value, out var person))
                {
                    coAuthors.Add(person);
                }
            }

            return new GitCommit(
                f[0], new GitPerson(f[1], f[2]), Time(f[3], f[0]), new GitPerson(f[4], f[5]), Time(f[6], f[0]), f[7], coAuthors);
        }

        private static DateTime Time(string unixSeconds, string sha) =>
            long.TryParse(unixSeconds, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
                : throw new GitException($"commit {sha}: git printed '{unixSeconds}' where a time was expected");
    }
}
