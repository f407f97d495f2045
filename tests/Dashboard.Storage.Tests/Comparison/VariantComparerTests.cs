using Dashboard.Core.Comparison;
using Dashboard.Core.Metrics;
using Dashboard.Storage.Tests.Metrics;

namespace Dashboard.Storage.Tests.Comparison;

/// <summary>The comparison over the real SQLite store: which series it reads and how minutes and counts are put together.</summary>
public sealed class VariantComparerTests : IAsyncLifetime
{
    private const string Endpoint = "pricing-ab";
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(TestSeries.Midnight);
    private static readonly DateTimeOffset To = From.AddMinutes(60);

    private TempDatabase _database = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TempDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static SeriesKey Key(string variant, string metric, string stat, params (string Name, string Value)[] extra) =>
        SeriesKey.Create(SageMakerMetrics.InvocationNamespace, metric,
            new[] { ("EndpointName", Endpoint), ("VariantName", variant) }.Concat(extra).Select(d => KeyValuePair.Create(d.Item1, d.Item2)),
            stat, SageMakerMetrics.MinutePeriod);

    /// <summary>An hour of a variant: requests, 5XX errors and ModelLatency p90 (stored in microseconds) every minute.</summary>
    private Task WriteAsync(string variant, double requests, double errors, double p90Micros, int minutes = 60, params (string, string)[] extra) =>
        _database.Writer.WriteAsync(
        [
            new SeriesPoints(Key(variant, SageMakerMetrics.Invocations, "Sum", extra), TestSeries.Minutes(TestSeries.Midnight, minutes, _ => requests)),
            new SeriesPoints(Key(variant, SageMakerMetrics.Invocation5XXErrors, "Sum", extra), TestSeries.Minutes(TestSeries.Midnight, minutes, _ => errors)),
            new SeriesPoints(Key(variant, SageMakerMetrics.ModelLatency, "p90", extra),
                TestSeries.Minutes(TestSeries.Midnight, minutes, i => p90Micros + i % 4 * 200)),
        ], Ct);

    private Task<VariantComparison> CompareAsync(DateTimeOffset? to = null) =>
        new VariantComparer(_database.Queries).CompareAsync(Endpoint, "VariantA", "VariantB", From, to ?? To, Ct);

    [Fact]
    public async Task CompareAsync_CandidateErroring_FailsOnTheStoredCounts()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 1, p90Micros: 21_000);
        await WriteAsync("VariantB", requests: 400, errors: 24, p90Micros: 21_000);

        var comparison = await CompareAsync();

        Assert.Equal(ComparisonVerdict.Fail, comparison.Verdict);
        Assert.Equal(ComparisonVerdict.Fail, comparison.ErrorRate.Verdict);
        Assert.Equal(96_000, comparison.ErrorRate.ControlRequests);
        Assert.Equal(60, comparison.ErrorRate.ControlErrors);
        Assert.Equal(24_000, comparison.ErrorRate.CandidateRequests);
        Assert.Equal(1_440, comparison.ErrorRate.CandidateErrors);
        Assert.Equal("VariantB's 5XX rate 6 % vs 0.063 % (p < 0.001): worse", comparison.Summary);
    }

    [Fact]
    public async Task CompareAsync_CandidateSlower_ReadsP90InMilliseconds()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 0, p90Micros: 21_000);
        await WriteAsync("VariantB", requests: 400, errors: 0, p90Micros: 26_500);

        var comparison = await CompareAsync();

        Assert.Equal(ComparisonVerdict.Fail, comparison.Latency.Verdict);
        Assert.Equal(ComparisonVerdict.Pass, comparison.ErrorRate.Verdict);
        Assert.Equal(21.2, comparison.Latency.ControlP90Ms);
        Assert.Equal(26.7, comparison.Latency.CandidateP90Ms);
        Assert.Equal(60, comparison.Latency.CandidateMinutes);
        Assert.Equal(24_000, comparison.Latency.CandidateRequests);
    }

    [Fact]
    public async Task CompareAsync_AlikeVariants_Pass()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 1, p90Micros: 21_000);
        await WriteAsync("VariantB", requests: 400, errors: 0, p90Micros: 21_000);

        var comparison = await CompareAsync();

        Assert.Equal(ComparisonVerdict.Pass, comparison.Verdict);
    }

    [Fact]
    public async Task CompareAsync_WindowEnds_CountsOnlyMinutesBeforeIt()
    {
        await WriteAsync("VariantA", requests: 100, errors: 0, p90Micros: 21_000);
        await WriteAsync("VariantB", requests: 100, errors: 0, p90Micros: 21_000);

        var comparison = await CompareAsync(From.AddMinutes(5));

        Assert.Equal(500, comparison.ErrorRate.CandidateRequests);
        Assert.Equal(5, comparison.Latency.CandidateMinutes);
        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, comparison.Verdict);
        Assert.Equal(18_519 - 500, comparison.MoreRequestsNeeded);
        Assert.Equal(5, comparison.MoreMinutesNeeded);
    }

    [Fact]
    public async Task CompareAsync_CandidateWithoutData_IsNotEnoughTraffic()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 1, p90Micros: 21_000);

        var comparison = await CompareAsync();

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, comparison.Verdict);
        Assert.Equal(0, comparison.ErrorRate.CandidateRequests);
        Assert.Null(comparison.Latency.CandidateP90Ms);
    }

    [Fact]
    public async Task CompareAsync_SeriesWithAnEndpointConfigDimension_AreNotCountedAgain()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 0, p90Micros: 21_000);
        await WriteAsync("VariantB", requests: 400, errors: 0, p90Micros: 21_000);
        // The green fleet's own series during a blue/green deployment: the same requests, split by config.
        await WriteAsync("VariantB", requests: 400, errors: 400, p90Micros: 90_000, extra: ("EndpointConfigName", "pricing-ab-20260301000000"));

        var comparison = await CompareAsync();

        Assert.Equal(24_000, comparison.ErrorRate.CandidateRequests);
        Assert.Equal(0, comparison.ErrorRate.CandidateErrors);
        Assert.Equal(21.2, comparison.Latency.CandidateP90Ms);
    }

    [Fact]
    public async Task CompareAsync_SameVariantTwice_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            new VariantComparer(_database.Queries).CompareAsync(Endpoint, "VariantA", "VariantA", From, To, Ct));
    }
}
