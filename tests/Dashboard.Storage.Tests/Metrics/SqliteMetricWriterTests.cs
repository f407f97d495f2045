using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;

namespace Dashboard.Storage.Tests.Metrics;

public class SqliteMetricWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_SameBatchTwice_StoresEachPointOnce()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        SeriesPoints[] batch = [new(key, TestSeries.Minutes(TestSeries.Midnight, 10))];

        await db.Writer.WriteAsync(batch, Ct);
        await db.Writer.WriteAsync(batch, Ct);

        var read = await db.Queries.ReadAsync([key], TestSeries.Midnight, TestSeries.Midnight + 3600, Ct);
        Assert.Equal(batch[0].Points, read[key]);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM Series"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM SeriesChunks"));
    }

    [Fact]
    public async Task WriteAsync_PointAtStoredTime_ReplacesValueAndKeepsOthers()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(TestSeries.Midnight, 3, _ => 1))], Ct);

        await db.Writer.WriteAsync([new(key, [new(TestSeries.Midnight + 60, 42.5), new(TestSeries.Midnight + 600, 7)])], Ct);

        var read = await db.Queries.ReadAsync([key], TestSeries.Midnight, TestSeries.Midnight + 3600, Ct);
        Assert.Equal(
            [new(TestSeries.Midnight, 1), new(TestSeries.Midnight + 60, 42.5), new(TestSeries.Midnight + 120, 1), new(TestSeries.Midnight + 600, 7)],
            read[key]);
    }

    [Fact]
    public async Task WriteAsync_InvalidKeyAfterValidSeries_WritesNothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        var good = TestSeries.Key();
        var bad = new SeriesKey("", "ModelLatency", "EndpointName=ep-a", "Average", 60);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            db.Writer.WriteAsync([new(good, TestSeries.Minutes(TestSeries.Midnight, 5)), new(bad, TestSeries.Minutes(TestSeries.Midnight, 5))], Ct));

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Series"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM SeriesChunks"));
        Assert.Empty(await db.Queries.GetWatermarksAsync(Ct));
    }

    [Fact]
    public async Task WriteAsync_FailureAfterUpdatingExistingChunk_KeepsOldValues()
    {
        await using var db = await TempDatabase.CreateAsync();
        var good = TestSeries.Key();
        await db.Writer.WriteAsync([new(good, TestSeries.Minutes(TestSeries.Midnight, 3, _ => 1))], Ct);
        var bad = TestSeries.Key() with { Period = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() =>
            db.Writer.WriteAsync([new(good, TestSeries.Minutes(TestSeries.Midnight, 3, _ => 2)), new(bad, TestSeries.Minutes(TestSeries.Midnight, 1))], Ct));

        var read = await db.Queries.ReadAsync([good], TestSeries.Midnight, TestSeries.Midnight + 3600, Ct);
        Assert.All(read[good], p => Assert.Equal(1, p.Value));
        Assert.Equal(TestSeries.Midnight + 120, (await db.Queries.GetWatermarksAsync(Ct))[good]);
    }

    [Fact]
    public async Task WriteAsync_CancelledToken_WritesNothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            db.Writer.WriteAsync([new(TestSeries.Key(), TestSeries.Minutes(TestSeries.Midnight, 5))], cancelled.Token));

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM SeriesChunks"));
    }

    [Fact]
    public async Task WriteAsync_CancelledMidway_WritesNothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        var batch = Enumerable.Range(0, 200)
            .Select(i => new SeriesPoints(TestSeries.Key($"ep-{i}"), TestSeries.Minutes(TestSeries.Midnight - 7 * 86_400, 7 * 1440)))
            .ToArray();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(50));

        try
        {
            await db.Writer.WriteAsync(batch, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM SeriesChunks"));
            Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Series"));
            return;
        }
        // Finished before the token fired (a very fast machine): then everything must be there.
        Assert.Equal(200 * 7, await db.ScalarAsync("SELECT count(*) FROM SeriesChunks"));
    }

    [Fact]
    public async Task WriteAsync_RolledBackNewSeries_IsCreatedAgainLater()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        var bad = TestSeries.Key() with { Stat = "" };
        await Assert.ThrowsAsync<ArgumentException>(() =>
            db.Writer.WriteAsync([new(key, TestSeries.Minutes(TestSeries.Midnight, 1)), new(bad, [])], Ct));

        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(TestSeries.Midnight, 2))], Ct);

        var read = await db.Queries.ReadAsync([key], TestSeries.Midnight, TestSeries.Midnight + 3600, Ct);
        Assert.Equal(2, read[key].Count);
    }

    [Fact]
    public async Task WriteAsync_PointsAcrossMidnight_SplitIntoDailyChunks()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();

        var written = await db.Writer.WriteAsync([new(key, TestSeries.Minutes(TestSeries.Midnight - 300, 10))], Ct);

        Assert.Equal(10, written);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM SeriesChunks"));
        Assert.Equal(TestSeries.Midnight - 86_400, await db.ScalarAsync("SELECT min(Start) FROM SeriesChunks"));
        Assert.Equal(10, await db.ScalarAsync("SELECT sum(Count) FROM SeriesChunks"));
    }

    [Fact]
    public async Task WriteAsync_DuplicateTimesAndRepeatedKeyInOneCall_LastValueWins()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();

        var written = await db.Writer.WriteAsync(
            [new(key, [new(TestSeries.Midnight, 1), new(TestSeries.Midnight, 2)]), new(key, [new(TestSeries.Midnight, 3)])], Ct);

        var read = await db.Queries.ReadAsync([key], TestSeries.Midnight, TestSeries.Midnight + 60, Ct);
        Assert.Equal(1, written);
        Assert.Equal([new MetricPoint(TestSeries.Midnight, 3)], read[key]);
    }

    [Fact]
    public async Task WriteAsync_RawEncoding_ReadsBackTheSame()
    {
        await using var db = await TempDatabase.CreateAsync(ChunkEncoding.Raw);
        var key = TestSeries.Key();
        var points = TestSeries.Minutes(TestSeries.Midnight, 100, i => i * 0.1);

        await db.Writer.WriteAsync([new(key, points)], Ct);

        var read = await db.Queries.ReadAsync([key], TestSeries.Midnight, TestSeries.Midnight + 86_400, Ct);
        Assert.Equal(points, read[key]);
    }

    [Fact]
    public async Task WriteAsync_EndpointSeries_DenormalisesEndpointAndVariant()
    {
        await using var db = await TempDatabase.CreateAsync();

        await db.Writer.WriteAsync([new(TestSeries.Key("ep-x", variant: "v2"), TestSeries.Minutes(TestSeries.Midnight, 1))], Ct);

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM Series WHERE EndpointName = 'ep-x' AND VariantName = 'v2'"));
    }
}
