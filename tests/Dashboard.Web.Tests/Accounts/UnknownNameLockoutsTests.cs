using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Accounts;

public sealed class UnknownNameLockoutsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));
    private readonly UnknownNameLockouts _lockouts;

    public UnknownNameLockoutsTests()
    {
        var identity = new IdentityOptions();
        identity.Lockout.MaxFailedAccessAttempts = 3;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        _lockouts = new UnknownNameLockouts(Options.Create(identity), _time);
    }

    [Fact]
    public void RecordFailure_TheLimitReached_LockedForTheLockoutTimeThenCountedAfresh()
    {
        Assert.Null(_lockouts.RecordFailure("NOBODY"));
        Assert.Null(_lockouts.RecordFailure("NOBODY"));
        var until = _lockouts.RecordFailure("NOBODY");

        Assert.Equal(_time.GetUtcNow().AddMinutes(15), until);
        Assert.Equal(until, _lockouts.LockedUntil("NOBODY"));
        Assert.Null(_lockouts.LockedUntil("SOMEONE-ELSE"));

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(_lockouts.LockedUntil("NOBODY"));
        Assert.Null(_lockouts.RecordFailure("NOBODY"));
    }

    [Fact]
    public void RecordFailure_MoreNamesThanTheCapacity_ForgetsTheOneTriedLongestAgo()
    {
        _lockouts.RecordFailure("FIRST");
        _lockouts.RecordFailure("FIRST");
        for (var i = 1; i < UnknownNameLockouts.Capacity; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            _lockouts.RecordFailure($"NAME-{i}");
        }
        _time.Advance(TimeSpan.FromMilliseconds(1));

        _lockouts.RecordFailure("ONE-MORE");

        Assert.Equal(UnknownNameLockouts.Capacity, _lockouts.Count);
        // FIRST was forgotten: two more failures do not lock it yet.
        Assert.Null(_lockouts.RecordFailure("FIRST"));
        Assert.Null(_lockouts.RecordFailure("FIRST"));
    }

    [Fact]
    public void ProbeHash_MadeOnce_AndNoPasswordMatchesIt()
    {
        var hasher = new PasswordHasher<IdentityUser>();
        var hash = _lockouts.ProbeHash(hasher);

        Assert.Same(hash, _lockouts.ProbeHash(hasher));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new IdentityUser(), hash, ""));
    }
}
