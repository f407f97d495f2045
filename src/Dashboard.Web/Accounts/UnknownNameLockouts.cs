using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Accounts;

/// <summary>
/// Failed sign-ins with names that have no account, counted as Identity counts them for accounts (the same limit and
/// lockout time), so after the same number of failures an unknown name answers "locked" too and the sign-in page
/// cannot tell who has an account. In memory and bounded: past <see cref="Capacity"/> names the one tried longest ago
/// is forgotten, so spraying names cannot grow the process.
/// </summary>
public sealed class UnknownNameLockouts(IOptions<IdentityOptions> identity, TimeProvider time)
{
    public const int Capacity = 10_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private string? _probeHash;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>When the name's lockout ends, if it is locked now.</summary>
    public DateTimeOffset? LockedUntil(string normalizedName)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(normalizedName, out var entry) && entry.LockedUntil > time.GetUtcNow() ? entry.LockedUntil : null;
        }
    }

    /// <summary>Counts a failure; returns when the lockout ends if this failure locks the name (the counter starts again).</summary>
    public DateTimeOffset? RecordFailure(string normalizedName)
    {
        var now = time.GetUtcNow();
        var lockout = identity.Value.Lockout;
        lock (_lock)
        {
            if (!_entries.TryGetValue(normalizedName, out var entry))
            {
                if (_entries.Count >= Capacity)
                {
                    _entries.Remove(_entries.MinBy(e => e.Value.Touched).Key);
                }
                entry = new Entry();
                _entries[normalizedName] = entry;
            }
            entry.Touched = now;
            if (++entry.Failures < lockout.MaxFailedAccessAttempts)
            {
                return null;
            }
            entry.Failures = 0;
            entry.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            return entry.LockedUntil;
        }
    }

    /// <summary>
    /// A hash to check a password against when the name has no account, so a wrong name costs the same hashing as a
    /// wrong password (made once, from a random value no one can type).
    /// </summary>
    public string ProbeHash(IPasswordHasher<IdentityUser> hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return _probeHash ??= hasher.HashPassword(new IdentityUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }

        public DateTimeOffset Touched { get; set; }
    }
}
