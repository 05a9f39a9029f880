using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

public sealed class IdentityTests
{
    [Fact]
    public void Email_is_lower_cased_and_trimmed()
    {
        var identity = Identity.Create("email", "  Ada.Lovelace@Example.COM \t");

        Assert.Equal("email", identity.Kind);
        Assert.Equal("ada.lovelace@example.com", identity.Value);
    }

    [Fact]
    public void GitHub_handles_are_the_same_identity_whatever_their_case()
    {
        var upper = Identity.Create("github", "OctoCat");
        var lower = Identity.Create("github", "octocat");

        Assert.Equal(lower, upper);
        Assert.Equal("github:octocat", upper.ToString());
    }

    [Theory]
    [InlineData("github", "@OctoCat", "octocat")]
    [InlineData("twitter", " @AdaLovelace ", "adalovelace")]
    [InlineData("mastodon", "@ada@fosstodon.org", "ada@fosstodon.org")]
    [InlineData("slack", "@U024BE7LH", "U024BE7LH")]
    public void Leading_at_sign_is_dropped_from_handles(string kind, string value, string expected)
    {
        Assert.Equal(expected, Identity.Create(kind, value).Value);
    }

    [Fact]
    public void A_lone_at_sign_is_kept_as_the_handle()
    {
        Assert.Equal("@", Identity.Create("github", "@").Value);
    }

    [Theory]
    [InlineData("user", "Usr_AbC42", "Usr_AbC42")]
    [InlineData("anonymous", "507F191E810C19729DE860EA", "507F191E810C19729DE860EA")]
    [InlineData("anonymous", "@Device-1", "@Device-1")]
    [InlineData("user", "  Ada  ", "Ada")]
    public void Product_and_anonymous_ids_keep_their_case_and_their_at_sign(string kind, string value, string expected)
    {
        Assert.Equal(expected, Identity.Create(kind, value).Value);
    }

    [Fact]
    public void Handles_of_case_sensitive_platforms_keep_their_case()
    {
        Assert.Equal("slack:U024BE7LH", Identity.Create("slack", "U024BE7LH").ToString());
        Assert.Equal("linkedin:AdaLovelace", Identity.Create("linkedin", "AdaLovelace").ToString());
    }

    [Fact]
    public void Kind_is_trimmed_and_lower_cased()
    {
        var identity = Identity.Create(" GitHub ", "octocat");

        Assert.Equal("github", identity.Kind);
    }

    [Fact]
    public void Unknown_kinds_that_are_words_are_accepted()
    {
        var identity = Identity.Create("hacker-news", "pg");

        Assert.Equal("hacker-news:pg", identity.ToString());
    }

    [Theory]
    [InlineData("git hub", "identity kind 'git hub' must be a word of letters, digits, '-', '_' or '.'")]
    [InlineData("e/mail", "identity kind 'e/mail' must be a word of letters, digits, '-', '_' or '.'")]
    [InlineData("", "identity kind '' must be a word of letters, digits, '-', '_' or '.'")]
    [InlineData(null, "identity kind '' must be a word of letters, digits, '-', '_' or '.'")]
    public void Invalid_kind_is_rejected_with_a_reason(string? kind, string expectedReason)
    {
        var created = Identity.TryCreate(kind, "octocat", out var identity, out var reason);

        Assert.False(created);
        Assert.Equal(default, identity);
        Assert.Equal(expectedReason, reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_value_is_rejected_with_a_reason(string? value)
    {
        var created = Identity.TryCreate("GitHub", value, out _, out var reason);

        Assert.False(created);
        Assert.Equal("github identity has an empty value", reason);
    }

    [Theory]
    [InlineData("ada.example.com", "'ada.example.com' is not an email address")]
    [InlineData("@example.com", "'@example.com' is not an email address")]
    [InlineData(" ADA ", "'ada' is not an email address")]
    public void Email_without_a_local_part_and_an_at_sign_is_rejected_with_a_reason(string value, string expectedReason)
    {
        var created = Identity.TryCreate("email", value, out _, out var reason);

        Assert.False(created);
        Assert.Equal(expectedReason, reason);
    }

    [Fact]
    public void Create_throws_the_reason_as_an_argument_exception()
    {
        var exception = Assert.Throws<ArgumentException>(() => Identity.Create("email", "not-an-address"));

        Assert.StartsWith("'not-an-address' is not an email address", exception.Message, StringComparison.Ordinal);
        Assert.Equal("value", exception.ParamName);
    }

    [Theory]
    [InlineData("email:ada@example.com", "email", "ada@example.com")]
    [InlineData("email:Ada@Example.com", "email", "ada@example.com")]
    [InlineData("github:OctoCat", "github", "octocat")]
    [InlineData("user:42", "user", "42")]
    [InlineData("anonymous:a:b:c", "anonymous", "a:b:c")]
    public void TryParse_reads_kind_and_value(string text, string expectedKind, string expectedValue)
    {
        var parsed = Identity.TryParse(text, out var identity, out var reason);

        Assert.True(parsed);
        Assert.Null(reason);
        Assert.Equal(expectedKind, identity.Kind);
        Assert.Equal(expectedValue, identity.Value);
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData(":octocat")]
    [InlineData("")]
    public void TryParse_rejects_text_without_a_kind(string text)
    {
        var parsed = Identity.TryParse(text, out _, out var reason);

        Assert.False(parsed);
        Assert.Equal(
            $"'{text}' is not an identity; write it as kind:value, for example email:ada@example.com or github:octocat",
            reason);
    }

    [Fact]
    public void TryParse_passes_on_the_reason_an_identity_is_invalid()
    {
        var parsed = Identity.TryParse("github:", out _, out var reason);

        Assert.False(parsed);
        Assert.Equal("github identity has an empty value", reason);
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => Identity.Parse("nocolon"));

        Assert.Equal(
            "'nocolon' is not an identity; write it as kind:value, for example email:ada@example.com or github:octocat",
            exception.Message);
    }

    [Fact]
    public void Parse_and_ToString_round_trip()
    {
        var identity = Identity.Parse("github:OctoCat");

        Assert.Equal(identity, Identity.Parse(identity.ToString()));
    }
}
