using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Metrics;

public class RollupStorageTests
{
    private const long Day = 86_400;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MetricPoint[] Noisy(long from, int count, int seed) =>
        TestSeries.Minutes(from, count, i => Math.Round(50 + 30 * Math.Sin((i + seed) / 90.0) + (i * 7919 + seed) % 13, 2));

    [Fact]
    public async Task ReadTierAsync_MinutesAcrossADayBoundary_EqualsAggregatingTheMinutes()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        // 23:00 to 01:00 minus a gap of 17 minutes around midnight, in one write.
        var minutes = Noisy(TestSeries.Midnight - 3600, 120, 1).Where(p => p.Time < TestSeries.Midnight - 420 || p.Time >= TestSeries.Midnight + 600).ToArray();
        await db.Writer.WriteAsync([new(key, minutes)], Ct);

        foreach (var step in Rollups.Tiers)
        {
            var read = await db.Queries.ReadTierAsync([key], TestSeries.Midnight - 3600, TestSeries.Midnight + 3600, step, Ct);
            Assert.Equal(Rollups.Aggregate(minutes, step), read[key]);
        }
        Assert.Equal(4, await db.ScalarAsync("SELECT count(*) FROM SeriesRollups"));
    }

    [Fact]
    public async Task ReadTierAsync_ThirtyDaysAtTheHourTier_EqualsAggregatingTheMinutes()
    {
        await using var db = await TempDatabase.CreateAsync();
        var keys = new[] { TestSeries.Key(), TestSeries.Key(metric: "Invocations") };
        var first = TestSeries.Midnight - 30 * Day;
        var all = keys.ToDictionary(k => k, k => Noisy(first, 30 * 1440, k.MetricName.Length));
        for (var d = 0; d < 30; d++)
        {
            await db.Writer.WriteAsync(keys.Select(k => new SeriesPoints(k, all[k].AsSpan(d * 1440, 1440).ToArray())).ToList(), Ct);
        }

        var hours = await db.Queries.ReadTierAsync(keys, first, TestSeries.Midnight, Rollups.Hour, Ct);
        // A range inside hours still returns the buckets it overlaps, no more.
        var inner = await db.Queries.ReadTierAsync(keys, first + 5 * Day + 90, first + 9 * Day + 3599, Rollups.QuarterHour, Ct);

        foreach (var key in keys)
        {
            Assert.Equal(720, hours[key].Count);
            Assert.Equal(Rollups.Aggregate(all[key], Rollups.Hour), hours[key]);
            Assert.Equal(Rollups.Aggregate(all[key], Rollups.QuarterHour).Where(b => b.Time >= first + 5 * Day && b.Time < first + 9 * Day + 3599), inner[key]);
        }
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_LeavesTheSameTiers()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        SeriesPoints[] batch = [new(key, Noisy(TestSeries.Midnight, 200, 3))];

        await db.Writer.WriteAsync(batch, Ct);
        var once = await db.Queries.ReadTierAsync([key], TestSeries.Midnight, TestSeries.Midnight + Day, Rollups.QuarterHour, Ct);
        await db.Writer.WriteAsync(batch, Ct);
        var twice = await db.Queries.ReadTierAsync([key], TestSeries.Midnight, TestSeries.Midnight + Day, Rollups.QuarterHour, Ct);

        Assert.Equal(once[key], twice[key]);
        Assert.Equal(Rollups.Aggregate(batch[0].Points.ToArray(), Rollups.QuarterHour), twice[key]);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM SeriesRollups"));
    }

    [Fact]
    public async Task WriteAsync_RevisedLatePoint_ChangesItsStoredBuckets()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(TestSeries.Midnight, 60, _ => 1))], Ct);

        await db.Writer.WriteAsync([new(key, [new(TestSeries.Midnight + 7 * 60, 61)])], Ct);

        var quarters = await db.Queries.ReadTierAsync([key], TestSeries.Midnight, TestSeries.Midnight + 3600, Rollups.QuarterHour, Ct);
        var hour = await db.Queries.ReadTierAsync([key], TestSeries.Midnight, TestSeries.Midnight + 3600, Rollups.Hour, Ct);
        Assert.Equal(new RollupPoint(TestSeries.Midnight, 1, 61, 75, 15), quarters[key][0]);
        Assert.Equal(5, quarters[key][0].Mean);
        Assert.Equal(new RollupPoint(TestSeries.Midnight + 900, 1, 1, 15, 15), quarters[key][1]);
        Assert.Equal([new RollupPoint(TestSeries.Midnight, 1, 61, 120, 60)], hour[key]);
    }

    [Fact]
    public async Task ReadTierAsync_MinuteStep_ReturnsTheMinutesAsOnePointBuckets()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        var minutes = TestSeries.Minutes(TestSeries.Midnight, 10);
        await db.Writer.WriteAsync([new(key, minutes)], Ct);

        var read = await db.Queries.ReadTierAsync([key], TestSeries.Midnight, TestSeries.Midnight + 600, Rollups.Minute, Ct);

        Assert.Equal(Rollups.AsBuckets(minutes), read[key]);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => db.Queries.ReadTierAsync([key], 0, 1, 300, Ct));
    }

    [Fact]
    public async Task Startup_HistoryStoredBeforeTiers_GetsItsTiersOnce()
    {
        var folder = TempDatabase.NewFolder();
        try
        {
            var key = TestSeries.Key();
            var minutes = Noisy(TestSeries.Midnight - 3 * Day, 3 * 1440, 5);
            await using (var before = await TempDatabase.OpenAsync(folder, deleteOnDispose: false))
            {
                await before.Writer.WriteAsync([new(key, minutes)], Ct);
                // A database from before the upgrade: chunks and no tier rows.
                await before.ExecuteAsync("DELETE FROM SeriesRollups", """DELETE FROM "SeriesRollups" """);
            }

            await using var upgraded = await TempDatabase.OpenAsync(folder, deleteOnDispose: false);

            Assert.Equal(6, await upgraded.ScalarAsync("SELECT count(*) FROM SeriesRollups"));
            var hours = await upgraded.Queries.ReadTierAsync([key], TestSeries.Midnight - 3 * Day, TestSeries.Midnight, Rollups.Hour, Ct);
            Assert.Equal(Rollups.Aggregate(minutes, Rollups.Hour), hours[key]);
            // Once filled, later starts find nothing to do.
            var contexts = upgraded.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            Assert.Equal(0, await RollupBackfill.RunAsync(contexts, ChunkEncoding.Brotli, Ct));
        }
        finally
        {
            TempDatabase.DeleteFolder(folder);
        }
    }
}
