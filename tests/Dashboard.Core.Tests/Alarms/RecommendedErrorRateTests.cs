using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Baselines;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Tests.Shared;

namespace Dashboard.Core.Tests.Alarms;

/// <summary>
/// The recommended 5XX-rate alarm replayed over 14 days of a quiet (20 requests a minute) and a busy (1,500 a minute)
/// variant's history: it must stay quiet on stray errors and fire on a real burst.
/// </summary>
public class RecommendedErrorRateTests
{
    private const int Days = 14;
    private const long To = 1_795_305_600; // a multiple of 900 s
    private const long From = To - Days * 86_400L;
    private static readonly SeriesKey Invocations = Key(SageMakerMetrics.Invocations);
    private static readonly SeriesKey Errors = Key(SageMakerMetrics.Invocation5XXErrors);

    [Fact]
    public async Task QuietVariant_StrayErrors_NeverFires_WhereThePlainRateFiredOften()
    {
        var history = History(requestsPerMinute: 20, errorShare: 0.005, burst: null);

        var recommended = await RecommendAsync(history);
        var plain = recommended with
        {
            Expression = "100 * errors / invocations",
            Metrics = [new AlarmMetric("errors", Errors), new AlarmMetric("invocations", Invocations)],
            Period = 60,
            EvaluationPeriods = 5,
            DatapointsToAlarm = 3,
        };

        Assert.Equal(0, (await BacktestAsync(history, recommended)).Fired);
        // The rule as it was: one error in 20 requests is 5 %, so a few stray errors in 5 minutes fired it.
        Assert.True((await BacktestAsync(history, plain)).Fired > Days, "the plain rate should have fired more than once a day");
    }

    [Fact]
    public async Task QuietVariant_LongerPeriodsAndAMinimumErrorCount_SaidInWhy()
    {
        var history = History(requestsPerMinute: 20, errorShare: 0.005, burst: null);

        var (alarm, why) = await RecommendWithWhyAsync(history);

        Assert.Equal((900, 3, 2), (alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm));
        Assert.All(alarm.Metrics, m => Assert.Equal(900, m.Series.Period));
        Assert.Equal("IF(errors >= 7, 100 * errors / invocations, 0)", alarm.Expression);
        Assert.Contains("only about 20 requests a minute", why);
        Assert.Contains("each period spans 15 minutes", why);
        Assert.Contains("at least 7 errors", why);
    }

    [Fact]
    public async Task QuietVariant_AnHourAt30PercentErrors_FiresOnce()
    {
        var history = History(requestsPerMinute: 20, errorShare: 0.005, burst: (To - 3 * 86_400, 60, 0.3));

        var result = await BacktestAsync(history, await RecommendAsync(history));

        Assert.Equal(1, result.Fired);
    }

    [Fact]
    public async Task BusyVariant_OneMinutePeriods_StrayErrorsNeverFire_A20MinuteBurstFiresOnce()
    {
        var quiet = History(requestsPerMinute: 1_500, errorShare: 0.0005, burst: null);
        var burst = History(requestsPerMinute: 1_500, errorShare: 0.0005, burst: (To - 2 * 86_400, 20, 0.05));

        var (alarm, why) = await RecommendWithWhyAsync(burst);

        Assert.Equal((60, 5, 3), (alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm));
        Assert.Contains("about 1,500 requests a minute", why);
        Assert.Equal(0, (await BacktestAsync(quiet, alarm)).Fired);
        Assert.Equal(1, (await BacktestAsync(burst, alarm)).Fired);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 7)]
    [InlineData(15, 23)]
    public void PoissonBound_IsTheFirstCountReachedInAtMost5PercentOfPeriods(double mean, int expected)
    {
        Assert.Equal(expected, ErrorRatePlan.PoissonBound(mean, 0.05));
    }

    [Fact]
    public void PoissonBound_BusyMean_DoesNotUnderflow()
    {
        // e^-2000 is 0 in a double; the bound is near mean + 1.645 √mean.
        Assert.InRange(ErrorRatePlan.PoissonBound(2_000, 0.05), 2_070, 2_076);
    }

    private static async Task<AlarmDefinition> RecommendAsync(InMemoryMetricQueries history) => (await RecommendWithWhyAsync(history)).Alarm;

    private static async Task<(AlarmDefinition Alarm, string Why)> RecommendWithWhyAsync(InMemoryMetricQueries history)
    {
        var endpoint = new EndpointState("ep", "arn:ep", "InService", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null,
            [new VariantState("v1", "ml.c5.xlarge", 1, 1, 1, 1)], DateTimeOffset.UnixEpoch);
        var stored = await history.ListSeriesAsync("ep", TestContext.Current.CancellationToken);
        var traffic = await EndpointTraffic.TypicalPerMinuteAsync(history, "ep", stored, From, To, TestContext.Current.CancellationToken);
        var recommended = RecommendedAlarms.For(endpoint, stored, 0.1, traffic).Single(r => r.Alarm.Name == "ep-v1-5xx-rate");
        return (recommended.Alarm, recommended.Why);
    }

    private static Task<BacktestResult> BacktestAsync(InMemoryMetricQueries history, AlarmDefinition alarm) =>
        new AlarmBacktest(new AlarmInputs(history, new AllFetched(Invocations, Errors), new BaselineOptions()))
            .RunAsync(alarm, From, To, TestContext.Current.CancellationToken);

    /// <summary>
    /// Minute sums over the 14 days: a steady request count, each request failing with <paramref name="errorShare"/>
    /// (seeded, so every run sees the same errors), and a burst of a higher share for some minutes.
    /// </summary>
    private static InMemoryMetricQueries History(int requestsPerMinute, double errorShare, (long Start, int Minutes, double Share)? burst)
    {
        var random = new Random(12);
        var invocations = new List<MetricPoint>();
        var errors = new List<MetricPoint>();
        for (var time = From - 3600; time < To; time += 60)
        {
            var share = burst is { } b && time >= b.Start && time < b.Start + b.Minutes * 60 ? b.Share : errorShare;
            var failed = 0;
            for (var i = 0; i < requestsPerMinute; i++)
            {
                failed += random.NextDouble() < share ? 1 : 0;
            }
            invocations.Add(new MetricPoint(time, requestsPerMinute));
            errors.Add(new MetricPoint(time, failed));
        }
        var queries = new InMemoryMetricQueries();
        queries.Add(Invocations, invocations);
        queries.Add(Errors, errors);
        return queries;
    }

    private static SeriesKey Key(string metric) =>
        SeriesKey.Create(SageMakerMetrics.InvocationNamespace, metric, [new("EndpointName", "ep"), new("VariantName", "v1")], "Sum", 60);

    private sealed class AllFetched(params SeriesKey[] keys) : ICoverageQueries
    {
        public Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<SeriesKey, FetchedRange>>(keys.ToDictionary(k => k, _ => new FetchedRange(0, long.MaxValue / 2)));
    }
}
