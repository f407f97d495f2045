using Dashboard.Core.Alarms;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Baselines;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Tests.Shared;

namespace Dashboard.Core.Tests.Alarms;

/// <summary>The recommended alarms on the dashboard's own hourly drift and quality series, and their evaluation by the alarm engine.</summary>
public class DriftAlarmsTests
{
    private const long Hour = 3600;

    // 20 minutes into an hour: the hour in progress is not complete, so it is not evaluated.
    private const long Now = 1_750_003_200 + 20 * 60;
    private const long HourStart = Now - Now % Hour;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SeriesKey Worst = DriftSeries.Worst("ep");
    private static readonly SeriesKey F1 = DriftSeries.Quality("ep", QualityMetrics.F1);
    private static readonly SeriesKey Labelled = DriftSeries.Quality("ep", DriftSeries.LabelledShare);
    private static readonly SeriesKey Rmse = DriftSeries.Quality("ep", QualityMetrics.Rmse);

    private readonly InMemoryMetricQueries _metrics = new();
    private readonly Coverage _coverage = new();

    [Fact]
    public void For_WorstDriftStored_OffersAnyFeatureOverItsThresholdFor3Hours()
    {
        var alarm = Single(RecommendedAlarms.For(Endpoint(), [Worst], 0.1), "ep-drift-any-feature");

        Assert.Equal((AlarmKind.Metric, Worst, 3600, 3, 3), (alarm.Kind, alarm.Metric, alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm));
        Assert.Equal((ComparisonOperator.GreaterThanOrEqualToThreshold, 1d), (alarm.Comparison, alarm.Threshold));
        Assert.Empty(AlarmValidator.Validate(alarm, Context(Worst)));
    }

    [Fact]
    public void For_NoDashboardDriftStored_OffersNoDriftOrQualityAlarm()
    {
        var alarms = RecommendedAlarms.For(Endpoint(), [], 0.1, standing: Standing(ProblemType.BinaryClassification, QualityMetrics.F1, 0.86));

        Assert.DoesNotContain(alarms, a => a.Alarm.Name.StartsWith("ep-drift-any", StringComparison.Ordinal) || a.Alarm.Name.StartsWith("ep-quality", StringComparison.Ordinal));
    }

    [Fact]
    public void For_ClassifierWithLabels_OffersF1BelowBaselineMinus005_OverHoursHalfLabelled()
    {
        var recommended = RecommendedAlarms.For(Endpoint(), [F1, Labelled], 0.1, standing: Standing(ProblemType.BinaryClassification, QualityMetrics.F1, 0.8634))
            .Single(a => a.Alarm.Name == "ep-quality-f1");
        var alarm = recommended.Alarm;

        Assert.Equal((ComparisonOperator.LessThanThreshold, 0.813), (alarm.Comparison, alarm.Threshold));
        Assert.Equal("IF(labelled >= 0.5 AND f1 >= 0, f1)", alarm.Expression);
        Assert.Equal((3600, 6, 3, TreatMissingData.Missing), (alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm, alarm.TreatMissingData));
        Assert.Equal("F1 below 0.813 (the baseline's 0.863 − 0.05) in 3 of 6 hours, counting hours at least 50 % labelled.", alarm.Description);
        Assert.Empty(AlarmValidator.Validate(alarm, Context(F1, Labelled)));
    }

    [Fact]
    public void For_RegressorWithLabels_OffersRmse10PercentAboveBaseline()
    {
        var alarm = RecommendedAlarms.For(Endpoint(), [Rmse, Labelled], 0.1, standing: Standing(ProblemType.Regression, QualityMetrics.Rmse, 12))
            .Single(a => a.Alarm.Name == "ep-quality-rmse").Alarm;

        Assert.Equal((ComparisonOperator.GreaterThanThreshold, 13.2), (alarm.Comparison, alarm.Threshold));
        Assert.Equal("IF(labelled >= 0.5 AND rmse >= 0, rmse)", alarm.Expression);
    }

    [Fact]
    public void Validate_DriftAlarmMirroredToCloudWatch_IsRefusedNamingWhy()
    {
        var alarm = Single(RecommendedAlarms.For(Endpoint(), [Worst], 0.1), "ep-drift-any-feature") with { MirrorToCloudWatch = true };

        var error = Assert.Single(AlarmValidator.Validate(alarm, Context(Worst)));

        Assert.Equal(nameof(AlarmDefinition.MirrorToCloudWatch), error.Field);
    }

    [Fact]
    public async Task Evaluate_AnyFeatureAlarm_ThreeCompleteHoursOver_IsAlarm_NotCountingTheHourInProgress()
    {
        // Hours oldest first up to the one in progress: under, then three over, then the current (partial) hour back under.
        StoreHours(Worst, 0.4, 1.2, 2.5, 3.1, 0.2);
        var alarm = Single(RecommendedAlarms.For(Endpoint(), [Worst], 0.1), "ep-drift-any-feature");

        var evaluation = await EvaluateAsync(alarm);

        Assert.Equal((AlarmState.Alarm, HourStart), (evaluation.State, evaluation.AsOf));
        Assert.StartsWith("Threshold crossed: 3 of the last 3 datapoints [3.1", evaluation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_AnyFeatureAlarm_TwoHoursOver_IsOk()
    {
        StoreHours(Worst, 0.4, 0.9, 2.5, 3.1, 0.2);

        var evaluation = await EvaluateAsync(Single(RecommendedAlarms.For(Endpoint(), [Worst], 0.1), "ep-drift-any-feature"));

        Assert.Equal(AlarmState.Ok, evaluation.State);
    }

    [Fact]
    public async Task Evaluate_AnyFeatureAlarm_ReaderBehind_WaitsForTheHoursItHasRead()
    {
        StoreHours(Worst, 1.2, 2.5, 3.1, 3.3, 0.2);
        _coverage.Set(Worst, HourStart - 2 * Hour + 600);

        var evaluation = await EvaluateAsync(Single(RecommendedAlarms.For(Endpoint(), [Worst], 0.1), "ep-drift-any-feature"));

        Assert.Equal(HourStart - 2 * Hour, evaluation.AsOf);
    }

    [Fact]
    public async Task Evaluate_F1Alarm_SkipsHoursStillAwaitingLabels_AndFiresOnTheLabelledOnes()
    {
        // Eight complete hours: the three newest are barely labelled (their F1 is noise), the older ones low.
        StoreHours(F1, 0.85, 0.70, 0.72, 0.69, 0.71, 0.95, 0.97, 0.96, 0.9);
        StoreHours(Labelled, 0.9, 0.85, 0.8, 0.8, 0.7, 0.3, 0.2, 0.05, 0.01);
        var alarm = RecommendedAlarms.For(Endpoint(), [F1, Labelled], 0.1, standing: Standing(ProblemType.BinaryClassification, QualityMetrics.F1, 0.86))
            .Single(a => a.Alarm.Name == "ep-quality-f1").Alarm;

        var evaluation = await EvaluateAsync(alarm);

        Assert.Equal(AlarmState.Alarm, evaluation.State);
        Assert.Equal(5, evaluation.Periods.Count(p => p.Value is not null));
    }

    [Fact]
    public async Task Evaluate_F1Alarm_LowF1OnlyInHoursNotYetLabelled_IsOk()
    {
        StoreHours(F1, 0.85, 0.86, 0.84, 0.87, 0.85, 0.40, 0.30, 0.20, 0.1);
        StoreHours(Labelled, 0.9, 0.85, 0.8, 0.8, 0.7, 0.3, 0.2, 0.05, 0.01);
        var alarm = RecommendedAlarms.For(Endpoint(), [F1, Labelled], 0.1, standing: Standing(ProblemType.BinaryClassification, QualityMetrics.F1, 0.86))
            .Single(a => a.Alarm.Name == "ep-quality-f1").Alarm;

        Assert.Equal(AlarmState.Ok, (await EvaluateAsync(alarm)).State);
    }

    private async Task<AlarmEvaluation> EvaluateAsync(AlarmDefinition alarm)
    {
        var entry = new AlarmEntry(alarm, new AlarmStatus(AlarmState.InsufficientData, 0, "", 0, null), "test", DateTimeOffset.UnixEpoch);
        var data = await new AlarmInputs(_metrics, _coverage, new BaselineOptions()).LoadAsync([alarm], AlarmCycle.EarliestAsOf([entry], Now), Now, Ct);
        return Assert.Single(AlarmCycle.Evaluate([entry], data, Now)).Evaluation;
    }

    /// <summary>Hourly values ending with the hour in progress; covered up to now, as the drift reader's write records it.</summary>
    private void StoreHours(SeriesKey key, params double[] values)
    {
        var start = HourStart - (values.Length - 1) * Hour;
        _metrics.Add(key, values.Select((v, i) => new MetricPoint(start + i * Hour, v)));
        _coverage.Set(key, Now);
    }

    private static AlarmValidationContext Context(params SeriesKey[] stored) => new([], new Dictionary<string, string>(), new SeriesSources(stored));

    private static DriftStanding Standing(ProblemType type, string metric, double baseline) =>
        new("ep", DateTimeOffset.FromUnixTimeSeconds(Now), null, new QualityStanding(type, new QualityMetric(metric, baseline, double.NaN, double.NaN), baseline, 100));

    private static AlarmDefinition Single(IReadOnlyList<RecommendedAlarm> alarms, string name) => alarms.Single(a => a.Alarm.Name == name).Alarm;

    private static EndpointState Endpoint() => new("ep", "arn:ep", "InService", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null,
        [new VariantState("v1", "ml.c5.xlarge", 1, 1, 1, 1)], DateTimeOffset.UnixEpoch);

    private sealed class Coverage : ICoverageQueries
    {
        private readonly Dictionary<SeriesKey, FetchedRange> _ranges = [];

        public void Set(SeriesKey key, long to) => _ranges[key] = new FetchedRange(0, to);

        public Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<SeriesKey, FetchedRange>>(_ranges);
    }
}
