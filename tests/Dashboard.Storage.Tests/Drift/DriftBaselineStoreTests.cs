using Dashboard.Core.Drift;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Drift;

public class DriftBaselineStoreTests
{
    private const long Day = 86_400;
    private static readonly long LastWeek = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600 - 7 * Day;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pin_Engineer_StoredAndAudited_ThenClearedAndAudited()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftBaselineStore>();

        await store.PinAsync(As(Role.Engineer), "ep", LastWeek, LastWeek + Day, "after the v5 rollout", Ct);
        var pinned = await store.FindAsync("ep", Ct);
        await store.ClearAsync(As(Role.Operator), "ep", Ct);

        Assert.Equal((DriftBaselineKind.Window, LastWeek, "erin", "after the v5 rollout"), (pinned!.Kind, pinned.From, pinned.SetBy, pinned.Note));
        Assert.Null(await store.FindAsync("ep", Ct));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'drift.baseline.pin'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'drift.baseline.clear'"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Admin)]
    public async Task Pin_WithoutPinBaselines_RefusedAndNothingWritten(Role role)
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftBaselineStore>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.PinAsync(As(role), "ep", LastWeek, LastWeek + Day, null, Ct));

        Assert.Null(await store.FindAsync("ep", Ct));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action LIKE 'drift.%'"));
    }

    [Theory]
    [InlineData(0, -3600, "must end after it starts")]
    [InlineData(0, 600, "at least an hour")]
    [InlineData(0, 91 * Day, "at most 90 days")]
    [InlineData(8 * Day, 9 * Day, "in the past")]
    public async Task Pin_ABadWindow_RefusedWithTheReason(long fromOffset, long length, string reason)
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftBaselineStore>();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.PinAsync(As(Role.Engineer), "ep", LastWeek + fromOffset, LastWeek + fromOffset + length, null, Ct));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Null(await store.FindAsync("ep", Ct));
    }

    private static Actor As(Role role) => new("erin", new HashSet<Role> { role });
}
