namespace Rapport.Storage.Tests;

/// <summary>The sign-in lockout's failures, counted in the store so that every instance on it shares them.</summary>
public abstract partial class StoreConformanceTests
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Two_instances_on_one_store_share_the_failed_sign_ins_and_the_lock()
    {
        var other = await OpenSameDataAsync(Store);

        // Five failures lock: four on one instance, the fifth on the other, for 15 minutes from the fifth.
        for (var i = 0; i < 4; i++)
        {
            await Store.RecordSignInFailureAsync("ada@example.com", 5, LockDuration, Token);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var beforeTheFifth = await other.GetSignInLockAsync("ada@example.com", Token);
        await other.RecordSignInFailureAsync(" Ada@Example.com ", 5, LockDuration, Token);

        Assert.Null(beforeTheFifth);
        var lockEnds = new DateTimeOffset(2026, 4, 1, 9, 19, 0, TimeSpan.Zero);
        Assert.Equal(lockEnds, await Store.GetSignInLockAsync("ada@example.com", Token));
        Assert.Equal(lockEnds, await other.GetSignInLockAsync("ADA@example.com", Token));
        Assert.Null(await Store.GetSignInLockAsync("grace@example.com", Token));

        // Signing in on one instance clears the count on both.
        await Store.ClearSignInFailuresAsync("ada@example.com", Token);
        await other.RecordSignInFailureAsync("ada@example.com", 5, LockDuration, Token);

        Assert.Null(await other.GetSignInLockAsync("ada@example.com", Token));
        Assert.Null(await Store.GetSignInLockAsync("ada@example.com", Token));
    }

    [Fact]
    public async Task A_lock_ends_after_its_time_and_failures_spread_beyond_the_window_do_not_lock()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.RecordSignInFailureAsync("ada@example.com", 3, LockDuration, Token);
        }

        Clock.Advance(TimeSpan.FromMinutes(14));
        var nearlyOver = await Store.GetSignInLockAsync("ada@example.com", Token);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var over = await Store.GetSignInLockAsync("ada@example.com", Token);

        // After the lock, the count starts over: two failures in the new window, the third 15 minutes after the
        // window's first failure, which starts yet another window instead of locking.
        await Store.RecordSignInFailureAsync("ada@example.com", 3, LockDuration, Token);
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Store.RecordSignInFailureAsync("ada@example.com", 3, LockDuration, Token);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Store.RecordSignInFailureAsync("ada@example.com", 3, LockDuration, Token);
        var spread = await Store.GetSignInLockAsync("ada@example.com", Token);

        Assert.Equal(new DateTimeOffset(2026, 4, 1, 9, 15, 0, TimeSpan.Zero), nearlyOver);
        Assert.Null(over);
        Assert.Null(spread);
        var (_, _, rows) = await RunBehindStoreAsync(Store, "SELECT CAST(failures AS VARCHAR) || ' ' || email_sha256 FROM sign_in_failures");
        // The hash of the address, not the address: SHA-256 of "ada@example.com".
        Assert.Equal(["1 " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("ada@example.com"u8))], rows);
    }

    [Fact]
    public async Task Recording_a_failure_deletes_other_emails_rows_whose_window_and_lock_are_over()
    {
        // 09:00 grace fails once and bob three times (locked until 09:15); 09:10 cy fails once; 09:14 dan.
        await Store.RecordSignInFailureAsync("grace@example.com", 3, LockDuration, Token);
        for (var i = 0; i < 3; i++)
        {
            await Store.RecordSignInFailureAsync("bob@example.com", 3, LockDuration, Token);
        }

        Clock.Advance(TimeSpan.FromMinutes(10));
        await Store.RecordSignInFailureAsync("cy@example.com", 3, LockDuration, Token);
        Clock.Advance(TimeSpan.FromMinutes(4));
        await Store.RecordSignInFailureAsync("dan@example.com", 3, LockDuration, Token);

        // 09:15: grace's window and bob's lock end exactly now, so ada's failure takes their rows; cy's and dan's count on.
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.RecordSignInFailureAsync("ada@example.com", 3, LockDuration, Token);

        var (_, _, rows) = await RunBehindStoreAsync(Store, "SELECT email_sha256 || ' ' || CAST(failures AS VARCHAR) FROM sign_in_failures");
        static string Row(string email) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email))) + " 1";
        Assert.Equal(
            new[] { "ada@example.com", "cy@example.com", "dan@example.com" }.Select(Row).Order(StringComparer.Ordinal),
            rows.Order(StringComparer.Ordinal));
    }
}
