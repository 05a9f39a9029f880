using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Journey;

public sealed class ActivityTypePatternTests
{
    [Theory]
    [InlineData("link.click", true)]
    [InlineData("LINK.Share", true)]
    [InlineData("link.", true)]
    [InlineData("hyperlink.click", false)]
    [InlineData("link", false)]
    public void Trailing_wildcard_matches_any_ending(string activityType, bool expected)
    {
        Assert.Equal(expected, new ActivityTypePattern("link.*").Matches(activityType));
    }

    [Theory]
    [InlineData("Docs Viewed", true)]
    [InlineData("pricing viewed", true)]
    [InlineData("Viewed", true)]
    [InlineData("Viewed Docs", false)]
    [InlineData("Docs View", false)]
    public void Leading_wildcard_matches_any_beginning(string activityType, bool expected)
    {
        Assert.Equal(expected, new ActivityTypePattern("*Viewed").Matches(activityType));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a-b-c", true)]
    [InlineData("aXXbYYc", true)]
    [InlineData("ABC", true)]
    [InlineData("acb", false)]
    [InlineData("ab", false)]
    [InlineData("abcd", false)]
    [InlineData("xabc", false)]
    public void Wildcards_between_parts_match_the_parts_in_order(string activityType, bool expected)
    {
        Assert.Equal(expected, new ActivityTypePattern("a*b*c").Matches(activityType));
    }

    [Theory]
    [InlineData("ab*bc", "abc", false)]
    [InlineData("ab*bc", "abbc", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything at all", true)]
    public void Parts_of_a_pattern_never_overlap(string pattern, string activityType, bool expected)
    {
        Assert.Equal(expected, new ActivityTypePattern(pattern).Matches(activityType));
    }

    [Theory]
    [InlineData("Signed Up", true)]
    [InlineData("signed up", true)]
    [InlineData("Signed Up Today", false)]
    [InlineData("Signed", false)]
    public void Exact_name_matches_only_that_name_ignoring_case(string activityType, bool expected)
    {
        Assert.Equal(expected, new ActivityTypePattern("Signed Up").Matches(activityType));
    }

    [Fact]
    public void Pattern_text_is_trimmed_and_knows_whether_it_has_a_wildcard()
    {
        var exact = new ActivityTypePattern("  Signed Up ");
        var wildcard = new ActivityTypePattern("docs.*");

        Assert.Equal("Signed Up", exact.Text);
        Assert.Equal("Signed Up", exact.ToString());
        Assert.False(exact.IsWildcard);
        Assert.True(wildcard.IsWildcard);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_pattern_is_rejected(string text)
    {
        var exception = Assert.Throws<ArgumentException>(() => new ActivityTypePattern(text));

        Assert.Equal("text", exception.ParamName);
    }
}
