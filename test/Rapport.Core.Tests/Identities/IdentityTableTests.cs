using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

public sealed class IdentityTableTests
{
    [Fact]
    public void An_identity_is_found_by_kind_and_value_with_its_id_and_member()
    {
        var table = new IdentityTable();
        var ada = table.Add(Identity.Parse("email:ada@example.com"), id: 7, memberId: 3);
        var octocat = table.Add(Identity.Parse("github:octocat"), id: 8, memberId: 3);

        Assert.Equal((0, 1), (ada, octocat));
        Assert.Equal(ada, table.Find(Identity.Parse("email:ADA@example.com")));
        Assert.Equal(-1, table.Find(Identity.Parse("github:ada@example.com")));
        Assert.Equal(-1, table.Find(Identity.Parse("email:bob@example.com")));
        Assert.Equal(-1, table.Find(Identity.Parse("discord:ada")));
        Assert.Equal((7L, 3L), (table.IdOf(ada), table.MemberOf(ada)));
        Assert.Equal(Identity.Parse("github:octocat"), table.IdentityAt(octocat));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Identities_with_one_hash_are_told_apart_by_their_bytes()
    {
        // Every identity hashes alike, so every look-up walks the same probe sequence.
        var table = new IdentityTable(0, _ => 5);
        for (var i = 0; i < 300; i++)
        {
            table.Add(Identity.Create(IdentityKinds.Anonymous, $"anon-{i}"), id: 1000 + i, memberId: i);
        }

        table.Add(Identity.Create(IdentityKinds.User, "anon-1"), id: 5000, memberId: 1);

        Assert.Equal(1001L, table.IdOf(table.Find(Identity.Create(IdentityKinds.Anonymous, "anon-1"))));
        Assert.Equal(5000L, table.IdOf(table.Find(Identity.Create(IdentityKinds.User, "anon-1"))));
        Assert.Equal(1299L, table.IdOf(table.Find(Identity.Create(IdentityKinds.Anonymous, "anon-299"))));
        Assert.Equal(-1, table.Find(Identity.Create(IdentityKinds.Anonymous, "anon-300")));
        Assert.Equal(301, table.Count);
    }

    [Fact]
    public void Growing_past_pages_keeps_every_identity_and_its_member_can_be_changed()
    {
        var table = new IdentityTable();
        for (var i = 0; i < 40_000; i++)
        {
            table.Add(Identity.Create(IdentityKinds.Email, $"dev{i}@example.com"), id: i + 1, memberId: i / 2);
        }

        var entry = table.Find(Identity.Create(IdentityKinds.Email, "dev33333@example.com"));
        table.MemberOf(entry) = 42;

        Assert.Equal(33_333, entry);
        Assert.Equal(33_334L, table.IdOf(entry));
        Assert.Equal(42L, table.MemberOf(table.Find(Identity.Create(IdentityKinds.Email, "dev33333@example.com"))));
        Assert.Equal(19_999L, table.MemberOf(table.Find(Identity.Create(IdentityKinds.Email, "dev39999@example.com"))));
        Assert.Equal(Identity.Create(IdentityKinds.Email, "dev0@example.com"), table.IdentityAt(0));
        Assert.Equal(40_000, table.Count);
    }

    [Fact]
    public void Values_longer_than_a_page_and_beyond_ascii_are_kept_whole()
    {
        var table = new IdentityTable();
        var long1 = new string('x', 70_000);
        var accented = "zoë-ñandú-日本";
        table.Add(Identity.Create("discord", "first"), id: 1, memberId: 1);
        var big = table.Add(Identity.Create(IdentityKinds.User, long1), id: 2, memberId: 1);
        var small = table.Add(Identity.Create(IdentityKinds.User, accented), id: 3, memberId: 2);

        Assert.Equal(big, table.Find(Identity.Create(IdentityKinds.User, long1)));
        Assert.Equal(-1, table.Find(Identity.Create(IdentityKinds.User, long1[..69_999])));
        Assert.Equal(small, table.Find(Identity.Create(IdentityKinds.User, accented)));
        Assert.Equal(long1, table.IdentityAt(big).Value);
        Assert.Equal(accented, table.IdentityAt(small).Value);
        Assert.Equal(0, table.Find(Identity.Create("discord", "first")));
    }
}
