using Rapport.Core.Users;

namespace Rapport.Core.Tests.Users;

public sealed class OwnerRuleTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly UserAccount Ada = new(1, "ada@example.com", UserRole.Owner, Created, null, true);

    private static readonly UserAccount Grace = new(2, "grace@example.com", UserRole.Owner, Created, null, true);

    private static readonly UserAccount Linus = new(3, "linus@example.com", UserRole.Editor, Created, null, true);

    [Fact]
    public void Another_active_owner_lets_an_owner_be_disabled_or_demoted()
    {
        Assert.True(OwnerRule.KeepsAnOwner([Ada, Grace, Linus], Ada.Id, null));
        Assert.True(OwnerRule.KeepsAnOwner([Ada, Grace, Linus], Ada.Id, UserRole.Viewer));
    }

    [Fact]
    public void A_disabled_owner_does_not_count_as_the_owner_that_remains()
    {
        var disabledGrace = Grace with { DisabledAt = Created.AddDays(1) };

        Assert.False(OwnerRule.KeepsAnOwner([Ada, disabledGrace, Linus], Ada.Id, null));
        Assert.False(OwnerRule.KeepsAnOwner([Ada, disabledGrace, Linus], Ada.Id, UserRole.Editor));
        Assert.True(OwnerRule.KeepsAnOwner([Ada, disabledGrace, Linus], Ada.Id, UserRole.Owner));
        Assert.True(OwnerRule.KeepsAnOwner([Ada, disabledGrace, Linus], Linus.Id, null));
    }
}
