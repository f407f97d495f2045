using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Tests.Metrics;

public class MetricQueriesTests
{
    private const long Midnight = TestSeries.Midnight;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_RangeBoundaries_IncludesFromAndExcludesTo()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(Midnight, 10))], Ct);

        var read = await db.Queries.ReadAsync([key], Midnight + 120, Midnight + 300, Ct);

        Assert.Equal([Midnight + 120, Midnight + 180, Midnight + 240], read[key].Select(p => p.Time));
    }

    [Fact]
    public async Task ReadAsync_RangeAcrossMidnight_ReturnsBothChunksSorted()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        // Written newest first, as GetMetricData returns them, and in two calls.
        var points = TestSeries.Minutes(Midnight - 600, 20);
        await db.Writer.WriteAsync([new(key, points[10..].Reverse().ToArray())], Ct);
        await db.Writer.WriteAsync([new(key, points[..10].Reverse().ToArray())], Ct);

        var read = await db.Queries.ReadAsync([key], Midnight - 60, Midnight + 60, Ct);
        var all = await db.Queries.ReadAsync([key], Midnight - 86_400, Midnight + 86_400, Ct);

        Assert.Equal([new(Midnight - 60, 9 * 1.25), new(Midnight, 10 * 1.25)], read[key]);
        Assert.Equal(points, all[key]);
    }

    [Fact]
    public async Task ReadAsync_RangeEndingAtMidnight_SkipsNextDay()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(Midnight - 120, 4))], Ct);

        var read = await db.Queries.ReadAsync([key], Midnight - 86_400, Midnight, Ct);
        var next = await db.Queries.ReadAsync([key], Midnight, Midnight + 86_400, Ct);

        Assert.Equal([Midnight - 120, Midnight - 60], read[key].Select(p => p.Time));
        Assert.Equal([Midnight, Midnight + 60], next[key].Select(p => p.Time));
    }

    [Fact]
    public async Task ReadAsync_UnknownSeriesOrEmptyRange_MapsToEmptyList()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(Midnight, 3))], Ct);
        var unknown = TestSeries.Key(metric: "Invocations");

        var read = await db.Queries.ReadAsync([key, unknown], Midnight + 600, Midnight + 600, Ct);

        Assert.Empty(read[key]);
        Assert.Empty(read[unknown]);
    }

    [Fact]
    public async Task ReadAsync_SeriesWrittenByAnotherProcess_IsFound()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(Midnight, 3))], Ct);
        // A second container over the same file has an empty id cache: it must look the id up.
        await using var services = await TempDatabase.OpenAsync(db.Folder, deleteOnDispose: false);

        var read = await services.Queries.ReadAsync([key], Midnight, Midnight + 3600, Ct);

        Assert.Equal(3, read[key].Count);
    }

    [Fact]
    public async Task GetWatermarksAsync_AfterWrites_ReturnsNewestTimePerSeries()
    {
        await using var db = await TempDatabase.CreateAsync();
        var a = TestSeries.Key(metric: "ModelLatency");
        var b = TestSeries.Key(metric: "Invocations");
        await db.Writer.WriteAsync([new(a, TestSeries.Minutes(Midnight, 10)), new(b, TestSeries.Minutes(Midnight, 2))], Ct);
        // An older late point must not move the watermark back.
        await db.Writer.WriteAsync([new(a, [new(Midnight - 3600, 1)])], Ct);

        var watermarks = await db.Queries.GetWatermarksAsync(Ct);

        Assert.Equal(Midnight + 540, watermarks[a]);
        Assert.Equal(Midnight + 60, watermarks[b]);
    }

    [Fact]
    public async Task GetCoverageAsync_CoverageWrittenWithPoints_ReturnsLastRangePerSeries()
    {
        await using var db = await TempDatabase.CreateAsync();
        var a = TestSeries.Key(metric: "ModelLatency");
        var b = TestSeries.Key(metric: "Invocations");
        var c = TestSeries.Key(metric: "CPUUtilization");
        await db.Writer.WriteAsync([new(a, TestSeries.Minutes(Midnight, 2), new FetchedRange(Midnight, Midnight + 3600))], Ct);

        // A window with no datapoints still records that it was fetched; a batch without coverage leaves it alone.
        await db.Writer.WriteAsync([new(a, [], new FetchedRange(Midnight - 86_400, Midnight + 7200)), new(b, [], new FetchedRange(Midnight, Midnight + 60)),
            new(c, TestSeries.Minutes(Midnight, 1))], Ct);

        var coverage = await db.Coverage.GetCoverageAsync(Ct);
        Assert.Equal(2, coverage.Count);
        Assert.Equal(new FetchedRange(Midnight - 86_400, Midnight + 7200), coverage[a]);
        Assert.Equal(new FetchedRange(Midnight, Midnight + 60), coverage[b]);
        Assert.False((await db.Queries.GetWatermarksAsync(Ct)).ContainsKey(b));
    }

    [Fact]
    public async Task GetCoverageAsync_FailedWrite_KeepsPreviousRange()
    {
        await using var db = await TempDatabase.CreateAsync();
        var a = TestSeries.Key();
        await db.Writer.WriteAsync([new(a, TestSeries.Minutes(Midnight, 1), new FetchedRange(Midnight, Midnight + 60))], Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => db.Writer.WriteAsync(
            [new(a, TestSeries.Minutes(Midnight, 2), new FetchedRange(Midnight, Midnight + 120)), new(a with { Period = -1 }, [])], Ct));

        Assert.Equal(new FetchedRange(Midnight, Midnight + 60), (await db.Coverage.GetCoverageAsync(Ct))[a]);
    }

    [Fact]
    public async Task ListSeriesAsync_EndpointAndModelMonitorDimensions_ReturnsOnlyThatEndpoint()
    {
        await using var db = await TempDatabase.CreateAsync();
        var latency = TestSeries.Key("ep-a");
        var monitor = SeriesKey.Create("aws/sagemaker/Endpoints/data-metrics", "feature_baseline_drift_age",
            [KeyValuePair.Create("Endpoint", "ep-a"), KeyValuePair.Create("MonitoringSchedule", "s1")], "Maximum", 3600);
        var other = TestSeries.Key("ep-b");
        await db.Writer.WriteAsync([new(latency, TestSeries.Minutes(Midnight, 1)), new(monitor, TestSeries.Minutes(Midnight, 1)),
            new(other, TestSeries.Minutes(Midnight, 1))], Ct);

        var series = await db.Queries.ListSeriesAsync("ep-a", Ct);

        Assert.Equal(2, series.Count);
        Assert.Contains(latency, series);
        Assert.Contains(monitor, series);
    }

    [Fact]
    public async Task ReadAsync_WhileAnotherConnectionHoldsTheWriteLock_ReturnsCommittedData()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(Midnight, 60))], Ct);
        await using var blocker = db.OpenRaw();
        await blocker.OpenAsync(Ct);
        await using var transaction = await blocker.BeginTransactionAsync(Ct);
        await using (var delete = blocker.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = TempDatabase.Sql("DELETE FROM SeriesChunks");
            await delete.ExecuteNonQueryAsync(Ct);
        }

        // Well under the 10 s busy timeout: a reader that waited for the lock would be cancelled here.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var read = await db.Queries.ReadAsync([key], Midnight, Midnight + 3600, timeout.Token);

        Assert.Equal(60, read[key].Count);
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task ReadAsync_DuringLongWrite_DoesNotWaitForTheWriter()
    {
        await using var db = await TempDatabase.CreateAsync();
        var key = TestSeries.Key();
        await db.Writer.WriteAsync([new(key, TestSeries.Minutes(Midnight, 60))], Ct);
        var backfill = Enumerable.Range(0, 100)
            .Select(i => new SeriesPoints(TestSeries.Key($"ep-{i}"), TestSeries.Minutes(Midnight - 7 * 86_400, 7 * 1440)))
            .ToArray();

        var write = Task.Run(() => db.Writer.WriteAsync(backfill, Ct), Ct);
        var reads = 0;
        while (!write.IsCompleted)
        {
            var read = await db.Queries.ReadAsync([key], Midnight, Midnight + 3600, Ct);
            Assert.Equal(60, read[key].Count);
            reads++;
        }
        await write;

        Assert.True(reads >= 1);
        var backfilled = await db.Queries.ReadAsync([TestSeries.Key("ep-7")], 0, long.MaxValue, Ct);
        Assert.Equal(7 * 1440, backfilled[TestSeries.Key("ep-7")].Count);
    }

    [Fact]
    public async Task HistoryStartAsync_IsTheStartOfTheDayOfTheEndpointsOldestPoint()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Writer.WriteAsync(
        [
            new(TestSeries.Key(), TestSeries.Minutes(Midnight + 3 * 3600, 5)),
            new(TestSeries.Key(metric: "Invocations"), TestSeries.Minutes(Midnight - 86_400 + 600, 5)),
            new(TestSeries.Key(endpoint: "ep-b"), TestSeries.Minutes(Midnight - 5 * 86_400, 5)),
        ], Ct);

        Assert.Equal(Midnight - 86_400, await db.Queries.HistoryStartAsync("ep-a", Ct));
        Assert.Null(await db.Queries.HistoryStartAsync("ep-unknown", Ct));
    }
}
