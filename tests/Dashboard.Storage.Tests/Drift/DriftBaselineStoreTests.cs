using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
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

    [Fact]
    public async Task SetDataSet_StoresItsSummaries_AndAudits_ThenAPinnedWindowReplacesIt()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftBaselineStore>();
        var amount = new FeatureSummary();
        amount.AddNumber(10);
        amount.AddNumber(30);
        var quality = new QualitySummary();
        quality.AddBinary(0.9, true);
        var set = new BaselineDataSet("s3://b/train.csv", ["amount", "channel"], new Dictionary<string, FeatureSummary> { ["amount"] = amount }, quality, 2, 1,
            [new CaptureProblem(3, "2 fields where the header has 3")], "label");

        var baseline = await store.SetDataSetAsync(As(Role.Operator), "ep", set, Ct);
        var read = await store.ReadDataSetAsync("ep", Ct);
        var found = await store.FindAsync("ep", Ct);
        await store.PinAsync(As(Role.Engineer), "ep", LastWeek, LastWeek + Day, null, Ct);

        Assert.Equal((DriftBaselineKind.DataSet, "s3://b/train.csv", "erin"), (baseline.Kind, baseline.Uri, baseline.SetBy));
        Assert.Equal(baseline, found);
        Assert.Equal((2L, 1, "label", 20.0, 1L), (read!.Records, read.Skipped, read.LabelColumn, read.Features["amount"].Mean, read.Quality.TruePositives));
        Assert.Equal(["amount", "channel"], read.Columns);
        Assert.Equal(new CaptureProblem(3, "2 fields where the header has 3"), read.Problems.Single());
        Assert.Null(await store.ReadDataSetAsync("ep", Ct));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM DriftBaselineFeatures"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'drift.baseline.dataset' AND After LIKE '%s3://b/train.csv%'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'drift.baseline.pin' AND Before LIKE '%s3://b/train.csv%'"));
    }

    [Fact]
    public async Task SetDataSet_AViewer_RefusedAndNothingWritten()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftBaselineStore>();
        var set = new BaselineDataSet("s3://b/train.csv", [], new Dictionary<string, FeatureSummary>(), new QualitySummary(), 0, 0, [], null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.SetDataSetAsync(As(Role.Viewer), "ep", set, Ct));

        Assert.Null(await store.FindAsync("ep", Ct));
    }

    private static Actor As(Role role) => new("erin", new HashSet<Role> { role });
}
