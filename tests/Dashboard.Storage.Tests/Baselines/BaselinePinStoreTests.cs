using Dashboard.Core.Baselines;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Baselines;

public class BaselinePinStoreTests
{
    private const long Day = 86_400;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly long LastWeek = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 7 * Day;

    [Theory]
    [InlineData(Role.Engineer)]
    [InlineData(Role.Operator)]
    public async Task PinAsync_EngineerOrOperator_StoredAndAudited(Role role)
    {
        await using var db = await TempDatabase.CreateAsync();
        var pins = db.Services.GetRequiredService<IBaselinePinStore>();

        await pins.PinAsync(As(role), "ep", LastWeek, LastWeek + Day, "quiet week", Ct);

        var pin = await pins.FindAsync("ep", Ct);
        Assert.Equal((LastWeek, LastWeek + Day, "quiet week"), (pin!.From, pin.To, pin.Note));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'baseline.pin' AND Endpoint = 'ep'"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Admin)]
    public async Task PinAndUnpin_RoleWithoutPinBaselines_RefusedAndNothingWritten(Role role)
    {
        await using var db = await TempDatabase.CreateAsync();
        var pins = db.Services.GetRequiredService<IBaselinePinStore>();
        await pins.PinAsync(As(Role.Engineer), "ep", LastWeek, LastWeek + Day, null, Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => pins.PinAsync(As(role), "ep", LastWeek, LastWeek + 2 * Day, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => pins.UnpinAsync(As(role), "ep", Ct));

        Assert.Equal(LastWeek + Day, (await pins.FindAsync("ep", Ct))!.To);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task PinAsync_WindowInTheFutureOrTooShort_RefusedWithTheReason()
    {
        await using var db = await TempDatabase.CreateAsync();
        var pins = db.Services.GetRequiredService<IBaselinePinStore>();

        var future = await Assert.ThrowsAsync<ArgumentException>(() => pins.PinAsync(As(Role.Engineer), "ep", LastWeek, LastWeek + 30 * Day, null, Ct));
        var shortWindow = await Assert.ThrowsAsync<ArgumentException>(() => pins.PinAsync(As(Role.Engineer), "ep", LastWeek, LastWeek + 60, null, Ct));

        Assert.Contains("past", future.Message, StringComparison.Ordinal);
        Assert.Contains("one hour", shortWindow.Message, StringComparison.Ordinal);
        Assert.Null(await pins.FindAsync("ep", Ct));
    }

    [Fact]
    public async Task UnpinAsync_RemovesAndAuditsTheOldWindow()
    {
        await using var db = await TempDatabase.CreateAsync();
        var pins = db.Services.GetRequiredService<IBaselinePinStore>();
        await pins.PinAsync(As(Role.Engineer), "ep", LastWeek, LastWeek + Day, null, Ct);

        await pins.UnpinAsync(As(Role.Engineer), "ep", Ct);

        Assert.Null(await pins.FindAsync("ep", Ct));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'baseline.unpin' AND Before IS NOT NULL"));
    }

    private static Actor As(Role role) => new(role.ToString().ToLowerInvariant(), new HashSet<Role> { role });
}
