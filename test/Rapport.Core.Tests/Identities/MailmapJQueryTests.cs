using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

/// <summary>
/// Ground truth from a real project: every raw author name and address in jQuery's history and what git itself
/// mapped them to through jQuery's <c>.mailmap</c> (see <c>TestData/jquery/NOTICE</c>).
/// </summary>
public class MailmapJQueryTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Identities", "TestData", "jquery");

    [Fact]
    public void Every_author_in_the_jquery_history_maps_exactly_as_git_mapped_it()
    {
        var mailmap = Mailmap.Parse(File.ReadAllText(Path.Combine(Data, "mailmap")));
        var pairs = File.ReadAllLines(Path.Combine(Data, "identity-pairs.tsv")).Skip(1).Select(line => line.Split('\t')).ToList();

        var wrong = pairs
            .Select(pair => (Raw: $"{pair[1]} <{pair[2]}>", Git: $"{pair[3]} <{pair[4]}>", Ours: mailmap.Map(pair[1], pair[2])))
            .Where(pair => pair.Git != $"{pair.Ours.Name} <{pair.Ours.Email}>")
            .Select(pair => $"{pair.Raw}: git {pair.Git}, ours {pair.Ours.Name} <{pair.Ours.Email}>")
            .ToList();

        Assert.Equal(414, pairs.Count);
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_jquery_mailmap_changes_123_of_the_414_author_pairs()
    {
        var mailmap = Mailmap.Parse(File.ReadAllText(Path.Combine(Data, "mailmap")));
        var pairs = File.ReadAllLines(Path.Combine(Data, "identity-pairs.tsv")).Skip(1).Select(line => line.Split('\t'));

        Assert.Equal(123, pairs.Count(pair => mailmap.Map(pair[1], pair[2]) != (pair[1], pair[2])));
    }
}
