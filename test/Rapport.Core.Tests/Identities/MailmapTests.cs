using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

/// <summary>
/// The expected values are what <c>git check-mailmap</c> (git 2.39) printed for the same mailmap and input; the
/// connector tests compare against a running git as well.
/// </summary>
public class MailmapTests
{
    [Fact]
    public void Proper_name_for_a_commit_address_replaces_the_name_only()
    {
        var mailmap = Mailmap.Parse("Ada Lovelace <ada@example.com>");

        Assert.Equal(("Ada Lovelace", "ada@example.com"), mailmap.Map("ada", "ada@example.com"));
        Assert.Equal(("Ada Lovelace", "ADA@Example.com"), mailmap.Map("ada", "ADA@Example.com"));
        Assert.Equal(("ada", "ada@elsewhere.org"), mailmap.Map("ada", "ada@elsewhere.org"));
    }

    [Fact]
    public void Proper_address_for_a_commit_address_replaces_the_address_only()
    {
        var mailmap = Mailmap.Parse("<ada@example.com> <ada@old-laptop.local>");

        Assert.Equal(("ada", "ada@example.com"), mailmap.Map("ada", "ada@old-laptop.local"));
    }

    [Fact]
    public void Proper_name_and_address_for_a_commit_address_replace_both()
    {
        var mailmap = Mailmap.Parse("Ada Lovelace <ada@example.com> <ada@old-laptop.local>");

        Assert.Equal(("Ada Lovelace", "ada@example.com"), mailmap.Map("root", "ada@old-laptop.local"));
    }

    [Fact]
    public void Commit_name_and_address_map_only_that_pair()
    {
        var mailmap = Mailmap.Parse("Ada Lovelace <ada@example.com> Ada <shared@build.local>");

        Assert.Equal(("Ada Lovelace", "ada@example.com"), mailmap.Map("Ada", "shared@build.local"));
        Assert.Equal(("Charles", "shared@build.local"), mailmap.Map("Charles", "shared@build.local"));
    }

    [Fact]
    public void Addresses_match_without_regard_to_ascii_case()
    {
        var mailmap = Mailmap.Parse("Ada Lovelace <Ada@Example.COM>");

        Assert.Equal(("Ada Lovelace", "ada@EXAMPLE.com"), mailmap.Map("ada", "ada@EXAMPLE.com"));
    }

    [Fact]
    public void Commit_names_match_without_regard_to_ascii_case_but_other_letters_must_match_exactly()
    {
        var mailmap = Mailmap.Parse("Eight <e@x.org> ÉLan <eight@x.org>");

        Assert.Equal(("Eight", "e@x.org"), mailmap.Map("ÉLAN", "eight@x.org"));
        Assert.Equal(("Eight", "e@x.org"), mailmap.Map("Élan", "eight@x.org"));
        Assert.Equal(("élan", "eight@x.org"), mailmap.Map("élan", "eight@x.org"));
    }

    [Fact]
    public void An_entry_with_the_commit_name_wins_and_others_fall_back_to_the_address_entry()
    {
        var mailmap = Mailmap.Parse(
            """
            Simple Five <FIVE@x.org>
            Five Named <five-n@x.org> Odd Name <five@x.org>
            """);

        Assert.Equal(("Five Named", "five-n@x.org"), mailmap.Map("odd name", "five@X.org"));
        Assert.Equal(("Simple Five", "five@x.org"), mailmap.Map("X", "five@x.org"));
    }

    [Fact]
    public void Later_lines_for_an_address_add_to_and_override_earlier_ones()
    {
        var mailmap = Mailmap.Parse(
            """
            Six A <six@x.org>
            <six-mail@x.org> <Six@X.org>
            Seven A <seven@x.org>
            Seven B <seven@x.org>
            Ann <ann@x.org> Commit <c@x.org>
            Anne <anne@x.org> COMMIT <c@x.org>
            """);

        Assert.Equal(("Six A", "six-mail@x.org"), mailmap.Map("Q", "six@x.org"));
        Assert.Equal(("Seven B", "seven@x.org"), mailmap.Map("Q", "seven@x.org"));
        Assert.Equal(("Anne", "anne@x.org"), mailmap.Map("commit", "c@x.org"));
    }

    [Fact]
    public void Later_texts_override_earlier_ones_as_later_lines_do()
    {
        var mailmap = Mailmap.Parse("Old Name <ada@example.com>", "New Name <ada@example.com>");

        Assert.Equal(("New Name", "ada@example.com"), mailmap.Map("ada", "ada@example.com"));
    }

    [Fact]
    public void Comments_blank_lines_and_lines_without_an_address_are_ignored()
    {
        var mailmap = Mailmap.Parse(
            "# Ada Lovelace <ada@example.com>\n\nno address here\nTen <> <ten@x.org>\nBroken <open@x.org\r\nNine <nine@x.org>   # her main address\r\n");

        Assert.Equal(1, mailmap.Count);
        Assert.Equal(("ada", "ada@example.com"), mailmap.Map("ada", "ada@example.com"));
        Assert.Equal(("T", "ten@x.org"), mailmap.Map("T", "ten@x.org"));
        Assert.Equal(("Nine", "nine@x.org"), mailmap.Map("N", "nine@x.org"));
    }

    [Fact]
    public void Text_after_an_entry_that_holds_an_address_is_read_as_a_commit_name_and_address_as_git_does()
    {
        var mailmap = Mailmap.Parse("Nine <nine@x.org> # trailing <junk@x.org>");

        Assert.Equal(("N", "nine@x.org"), mailmap.Map("N", "nine@x.org"));
        Assert.Equal(("Nine", "nine@x.org"), mailmap.Map("# trailing", "junk@x.org"));
        Assert.Equal(("junk", "junk@x.org"), mailmap.Map("junk", "junk@x.org"));
    }

    [Fact]
    public void A_comment_sign_after_leading_space_is_part_of_the_name_as_in_git()
    {
        var mailmap = Mailmap.Parse("  # Ada <ada@example.com>");

        Assert.Equal(("# Ada", "ada@example.com"), mailmap.Map("ada", "ada@example.com"));
    }

    [Fact]
    public void An_empty_commit_address_can_be_mapped()
    {
        var mailmap = Mailmap.Parse("Eleven <eleven@x.org> <>");

        Assert.Equal(("Eleven", "eleven@x.org"), mailmap.Map("E", ""));
    }

    [Fact]
    public void Names_are_trimmed_and_addresses_kept_as_written()
    {
        var mailmap = Mailmap.Parse("\t Ada   Lovelace \t<Ada@Example.com>   Ada L  < ada@old >");

        Assert.Equal(("Ada   Lovelace", "Ada@Example.com"), mailmap.Map("ada l", " ada@old "));
        Assert.Equal(("ada l", "ada@old"), mailmap.Map("ada l", "ada@old"));
    }

    [Fact]
    public void The_empty_mailmap_maps_nothing()
    {
        Assert.Equal(0, Mailmap.Empty.Count);
        Assert.Equal(("ada", "ada@example.com"), Mailmap.Empty.Map("ada", "ada@example.com"));
    }
}
