using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Storage.Tests.Notifications.NotificationTestData;

namespace Dashboard.Storage.Tests.Notifications;

public class MuteWindowStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_Recurring_RoundTripsWithDaysAsBitmaskFromSunday()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);

        var stored = await store.CreateAsync(Weekly("churn-latency", DayOfWeek.Sunday, DayOfWeek.Saturday), Engineer, Ct);

        Assert.True(stored.Id > 0);
        Assert.Equal(1 | 64, await db.ScalarAsync($"SELECT Days FROM MuteWindows WHERE Id = {stored.Id}"));
        var listed = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal(new HashSet<DayOfWeek> { DayOfWeek.Sunday, DayOfWeek.Saturday }, listed.Days);
        Assert.Equal("churn-latency", listed.AlarmName);
        Assert.Equal(120, listed.StartMinute);
        Assert.Equal(120, listed.DurationMinutes);
        Assert.Equal("erin", listed.CreatedBy);
        Assert.Equal("patching", listed.Reason);
    }

    [Fact]
    public async Task CreateAsync_WritesOneAuditRecordDescribingTheWindow()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SaveFleetAsync(db, "churn-prod");

        var stored = await Store(db).CreateAsync(Weekly(null, DayOfWeek.Sunday) with { Endpoint = "churn-prod" }, Engineer, Ct);

        Assert.Equal(1, await db.ScalarAsync(
            $"SELECT count(*) FROM AuditRecords WHERE Action = 'mute.create' AND Actor = 'erin' AND Endpoint = 'churn-prod' " +
            $"AND Before IS NULL AND After LIKE '%\"id\":{stored.Id}%' AND After LIKE '%Sundays 02:00–04:00 UTC%'"));
    }

    [Theory]
    [InlineData("churn-prd")]
    [InlineData("gone-yesterday")]
    public async Task CreateAsync_EndpointNotInTheFleet_RefusedAtTheEndpointFieldAndNothingWritten(string endpoint)
    {
        await using var db = await TempDatabase.CreateAsync();
        await SaveFleetAsync(db, "churn-prod");

        var refused = await Assert.ThrowsAsync<MuteWindowValidationException>(() =>
            Store(db).CreateAsync(Weekly(null, DayOfWeek.Sunday) with { Endpoint = endpoint }, Engineer, Ct));

        Assert.Equal(new MuteWindowError(nameof(MuteWindow.Endpoint), $"There is no endpoint named '{endpoint}' in the fleet."), Assert.Single(refused.Errors));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM MuteWindows"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task CreateAsync_AuditFails_WindowNotStored()
    {
        await using var db = await TempDatabase.CreateAsync();
        await BreakAuditAsync(db);

        await Assert.ThrowsAnyAsync<Exception>(() => Store(db).CreateAsync(Weekly("a1", DayOfWeek.Monday), Engineer, Ct));

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM MuteWindows"));
    }

    [Fact]
    public async Task CreateAsync_Viewer_RefusedAndNothingWritten()
    {
        await using var db = await TempDatabase.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Store(db).CreateAsync(Weekly("a1", DayOfWeek.Monday), Viewer, Ct));

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM MuteWindows"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task CreateAsync_Invalid_FieldErrorsAndNothingWritten()
    {
        await using var db = await TempDatabase.CreateAsync();
        var noScope = Weekly(null, DayOfWeek.Monday) with { DurationMinutes = 0 };

        var refused = await Assert.ThrowsAsync<MuteWindowValidationException>(() => Store(db).CreateAsync(noScope, Engineer, Ct));

        Assert.Contains(refused.Errors, e => e.Field == MuteWindow.ScopeField);
        Assert.Contains(refused.Errors, e => e.Field == nameof(MuteWindow.DurationMinutes));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM MuteWindows"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    /// <summary>Finding 3: a length outside 1 minute – 7 days, or one that mutes the whole week, is refused, never clamped.</summary>
    [Theory]
    [InlineData(0, "Too small: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(-5, "Too small: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(99_999, "Too large: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(int.MaxValue, "Too large: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(10_080, "On these days a window of 7 days mutes every minute of the week, so nothing would ever be notified: "
        + "make it shorter than 7 days (10,080 minutes) or pick fewer days.")]
    public async Task CreateAsync_WeeklyLengthRefused_MessageAtTheDurationAndNothingWritten(int minutes, string message)
    {
        await using var db = await TempDatabase.CreateAsync();

        var refused = await Assert.ThrowsAsync<MuteWindowValidationException>(() =>
            Store(db).CreateAsync(Weekly("a1", DayOfWeek.Monday) with { DurationMinutes = minutes }, Engineer, Ct));

        Assert.Equal([new MuteWindowError(nameof(MuteWindow.DurationMinutes), message)], refused.Errors);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM MuteWindows"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task DeleteAsync_RemovesAndAuditsTheWindowBefore()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var stored = await store.CreateAsync(OneOff("a1"), Engineer, Ct);

        await store.DeleteAsync(stored.Id, Engineer, Ct);

        Assert.Empty(await store.ListAsync(Ct));
        Assert.Equal(1, await db.ScalarAsync(
            $"SELECT count(*) FROM AuditRecords WHERE Action = 'mute.delete' AND After IS NULL AND Before LIKE '%\"alarmName\":\"a1\"%'"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.DeleteAsync(stored.Id, Engineer, Ct));
    }

    [Fact]
    public async Task DeleteAsync_Viewer_RefusedAndWindowKept()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var stored = await store.CreateAsync(OneOff("a1"), Engineer, Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.DeleteAsync(stored.Id, Viewer, Ct));

        Assert.Single(await store.ListAsync(Ct));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    private static IMuteWindowStore Store(TempDatabase db) => db.Services.GetRequiredService<IMuteWindowStore>();

    private static MuteWindow Weekly(string? alarm, params DayOfWeek[] days) =>
        new(0, alarm, null, Now - 60, null, days.ToHashSet(), 120, 120, "patching", "ignored");

    private static MuteWindow OneOff(string alarm) =>
        new(0, alarm, null, Now, Now + 3600, new HashSet<DayOfWeek>(), 0, 60, "", "ignored");
}
