using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Core.Tests.Identities;

public sealed class MergeSuggestionFinderTests
{
    private static readonly DateTime At = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);
    private long _nextIdentity = 1;

    [Fact]
    public void The_same_address_in_one_developers_email_trait_and_another_developers_identity_is_suggested()
    {
        var ada = Developer(1, null, "user:1", "email:ada@analytical.io");
        var other = Developer(2, null, ["ada@analytical.io"], "user:2");

        var suggestion = Assert.Single(Find(ada, other));

        Assert.Equal((MergeRules.SameEmail, 0.95), (suggestion.Rule, suggestion.Confidence));
        Assert.Equal((2L, 3L), (suggestion.IdentityId, suggestion.OtherIdentityId));
        Assert.Equal("both have the address ada@analytical.io", suggestion.Reason);
    }

    [Fact]
    public void Two_addresses_of_one_gmail_mailbox_are_suggested_and_two_different_addresses_are_not()
    {
        var dotted = Developer(1, null, "email:ada.lovelace+rapport@gmail.com");
        var plain = Developer(2, null, "email:adalovelace@googlemail.com");
        var someoneElse = Developer(3, null, "email:ada.byron@gmail.com");

        var suggestion = Assert.Single(Find(dotted, plain, someoneElse));

        Assert.Equal((MergeRules.SameEmail, 0.9), (suggestion.Rule, suggestion.Confidence));
        Assert.Equal("ada.lovelace+rapport@gmail.com and adalovelace@googlemail.com are one mailbox (adalovelace@gmail.com)", suggestion.Reason);
        Assert.Equal("ada.lovelace@analytical.io", MergeRules.MailboxOf("Ada.Lovelace+news@Analytical.io"));
    }

    [Fact]
    public void An_address_shared_by_more_than_five_developers_is_a_team_address_and_suggests_nothing()
    {
        var developers = Enumerable.Range(1, 6).Select(i => Developer(i, null, [$"team@analytical.io"], $"github:dev{i}")).ToArray();

        Assert.Empty(Find(developers));
        Assert.Equal(10, Find(developers[..5]).Count);
    }

    [Fact]
    public void A_noreply_address_of_a_github_login_is_suggested_with_that_login()
    {
        var octocat = Developer(1, null, "github:octocat");
        var committer = Developer(2, null, "email:583231+octocat@users.noreply.github.com");
        var otherCommitter = Developer(3, null, "email:583232+hubot@users.noreply.github.com");

        var suggestion = Assert.Single(Find(octocat, committer, otherCommitter));

        Assert.Equal((MergeRules.GitHubLogin, 0.95, 2L, 1L), (suggestion.Rule, suggestion.Confidence, suggestion.IdentityId, suggestion.OtherIdentityId));
        Assert.Equal("583231+octocat@users.noreply.github.com is GitHub's private address of github:octocat", suggestion.Reason);
    }

    [Fact]
    public void An_address_whose_local_part_is_a_github_login_is_suggested_unless_it_is_short_or_generic()
    {
        var octocat = Developer(1, null, "github:octocat");
        var byLocalPart = Developer(2, null, "email:octocat@analytical.io");
        var dev = Developer(3, null, "github:dev");
        var shortLocalPart = Developer(4, null, "email:dev@analytical.io");
        var support = Developer(5, null, "github:support");
        var generic = Developer(6, null, "email:support@analytical.io");

        var suggestion = Assert.Single(Find(octocat, byLocalPart, dev, shortLocalPart, support, generic));

        Assert.Equal((MergeRules.GitHubLogin, 0.75, 2L, 1L), (suggestion.Rule, suggestion.Confidence, suggestion.IdentityId, suggestion.OtherIdentityId));
        Assert.Equal("the address octocat@analytical.io starts with the GitHub login octocat", suggestion.Reason);
    }

    [Fact]
    public void The_same_full_name_across_platforms_is_suggested_but_a_first_name_alone_is_not()
    {
        var onGitHub = Developer(1, "Ada Lovelace", "github:ada-l");
        var onStackOverflow = Developer(2, "  ada   LOVELACE ", "stackoverflow:1234");
        var grace = Developer(3, "Grace", "github:grace");
        var otherGrace = Developer(4, "Grace", "stackoverflow:99");

        var suggestion = Assert.Single(Find(onGitHub, onStackOverflow, grace, otherGrace));

        Assert.Equal((MergeRules.SameName, 0.8, 1L, 2L), (suggestion.Rule, suggestion.Confidence, suggestion.IdentityId, suggestion.OtherIdentityId));
        Assert.Equal("both are named Ada Lovelace", suggestion.Reason);
    }

    [Fact]
    public void Two_accounts_on_one_platform_are_not_suggested_by_name_alone()
    {
        var one = Developer(1, "Ada Lovelace", "github:ada-l");
        var two = Developer(2, "Ada Lovelace", "github:ada-lovelace");

        Assert.Empty(Find(one, two));
    }

    [Fact]
    public void Names_one_edit_apart_are_suggested_and_two_edits_or_short_names_are_not()
    {
        var ada = Developer(1, "Ada Lovelace", "email:ada@analytical.io");
        var typo = Developer(2, "Ada Lovelcae", "stackoverflow:1");
        var accent = Developer(3, "José Ramírez", "email:jose@tequila.mx");
        var noAccentOneLetterShort = Developer(4, "Jose Ramire", "github:jramire");
        var twoEdits = Developer(5, "Adam Lovelance", "github:adam");
        var shortName = Developer(6, "Al Bo", "github:albo");
        var shortTypo = Developer(7, "Al Bi", "stackoverflow:2");

        var suggestions = Find(ada, typo, accent, noAccentOneLetterShort, twoEdits, shortName, shortTypo);

        Assert.Equal(2, suggestions.Count);
        Assert.All(suggestions, suggestion => Assert.Equal((MergeRules.CloseName, 0.6), (suggestion.Rule, suggestion.Confidence)));
        Assert.Contains(suggestions, s => (s.IdentityId, s.OtherIdentityId) == (1, 2));
        Assert.Contains(suggestions, s => (s.IdentityId, s.OtherIdentityId) == (3, 4));
        Assert.Contains("the names Ada Lovelace and Ada Lovelcae are one letter apart", suggestions.Select(s => s.Reason));
    }

    [Fact]
    public void A_bot_is_never_suggested_with_a_human()
    {
        var human = Developer(1, "Renovate Bot", "github:renovate-fan");
        var bot = Developer(2, "Renovate Bot", "github:renovate[bot]");
        var humanByEmail = Developer(3, null, ["49699333+dependabot[bot]@users.noreply.github.com"], "user:3");
        var dependabot = Developer(4, null, "github:dependabot[bot]");

        Assert.Empty(Find(human, bot));
        Assert.Empty(Find(humanByEmail, dependabot));
    }

    [Fact]
    public void Developers_with_different_user_ids_are_suggested_only_when_they_share_an_email()
    {
        var one = Developer(1, "Ada Lovelace", "user:1", "email:ada@analytical.io");
        var two = Developer(2, "Ada Lovelace", "user:2", "stackoverflow:7");
        var three = Developer(3, null, ["ada@analytical.io"], "user:3");

        var suggestions = Find(one, two, three);

        var suggestion = Assert.Single(suggestions);
        Assert.Equal(MergeRules.SameEmail, suggestion.Rule);
        Assert.Equal((2L, 5L), (suggestion.IdentityId, suggestion.OtherIdentityId));
    }

    [Fact]
    public void A_pair_is_suggested_once_by_its_surest_rule()
    {
        var one = Developer(1, "Ada Lovelace", "github:adalovelace", "email:ada@analytical.io");
        var two = Developer(2, "Ada Lovelace", "email:adalovelace@babbage.co.uk");

        var suggestion = Assert.Single(Find(one, two));

        Assert.Equal((MergeRules.SameName, 0.8), (suggestion.Rule, suggestion.Confidence));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ada lovelace", "ada lovelcae", 1)]
    [InlineData("ada lovelace", "ada lovelace", 0)]
    [InlineData("ada", "", 3)]
    [InlineData("ca", "abc", 3)]
    public void Edit_distance_counts_a_swap_of_neighbouring_letters_as_one_edit(string a, string b, int distance)
    {
        Assert.Equal(distance, MergeSuggestionFinder.EditDistance(a, b));
        Assert.Equal(distance, MergeSuggestionFinder.EditDistance(b, a));
    }

    [Theory]
    [InlineData("Ada Lovelace", "ada lovelace")]
    [InlineData("  José   Ramírez-López ", "jose ramirez lopez")]
    [InlineData("Ada", null)]
    [InlineData("   ", null)]
    [InlineData("Zoë O'Brien", "zoe o brien")]
    public void Names_are_compared_without_case_accents_or_punctuation(string name, string? normalised)
    {
        Assert.Equal(normalised, MergeSuggestionFinder.NormaliseName(name));
    }

    private static List<MergeSuggestion> Find(params DeveloperFacts[] developers) => [.. MergeSuggestionFinder.Find(developers, At)];

    private DeveloperFacts Developer(long memberId, string? name, params string[] identities) => Developer(memberId, name, [], identities);

    private DeveloperFacts Developer(long memberId, string? name, string[] emailTraits, params string[] identities) =>
        new(memberId, [.. identities.Select(identity => new StoredIdentity(_nextIdentity++, Identity.Parse(identity), memberId))], name, emailTraits);
}
