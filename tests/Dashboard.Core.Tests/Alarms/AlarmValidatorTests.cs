using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Tests.Shared;

namespace Dashboard.Core.Tests.Alarms;

public class AlarmValidatorTests
{
    private const string Dims = "EndpointName=ep|VariantName=AllTraffic";

    private static SeriesKey Key(string metric, string stat, int period = 60) => new(SageMakerMetrics.InvocationNamespace, metric, Dims, stat, period);

    private static readonly HashSet<SeriesKey> Stored =
    [
        Key("ModelLatency", "Average"), Key("ModelLatency", "p50"), Key("ModelLatency", "p90"), Key("ModelLatency", "p99"),
        Key("Invocations", "Sum"), Key("Invocation5XXErrors", "Sum"),
    ];

    private static AlarmValidationContext Context(Dictionary<string, string>? composites = null) =>
        new(["latency", "errors", "parent", "child"], composites ?? [], new SeriesSources(Stored));

    private static AlarmDefinition Metric(string metric = "ModelLatency", string stat = "p99", int period = 60) => new()
    {
        Name = "latency-p99",
        Kind = AlarmKind.Metric,
        Metric = Key(metric, stat, period),
        Period = period,
        EvaluationPeriods = 3,
        DatapointsToAlarm = 2,
        Threshold = 500_000,
    };

    private static AlarmDefinition Composite(string rule, string name = "combined") => new() { Name = name, Kind = AlarmKind.Composite, AlarmRule = rule };

    private static FieldError Single(AlarmDefinition alarm, AlarmValidationContext? context = null) =>
        Assert.Single(AlarmValidator.Validate(alarm, context ?? Context()));

    [Fact]
    public void Validate_ValidMetricAlarm_HasNoErrors() => Assert.Empty(AlarmValidator.Validate(Metric(), Context()));

    [Theory]
    [InlineData("")]
    [InlineData("bad\u0007name")]
    public void Validate_Name_EmptyOrControlCharactersRefused(string name) =>
        Assert.Equal("Name", Single(Metric() with { Name = name }).Field);

    public static TheoryData<string> UnroutableNames() => new(BadInput.UnroutableNames);

    [Theory]
    [MemberData(nameof(UnroutableNames))]
    public void Validate_UnroutableOrReservedName_RefusedAtTheNameFieldOnly(string name)
    {
        var error = Single(Metric() with { Name = name });

        Assert.Equal("Name", error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [InlineData("new")]
    [InlineData("History")]
    [InlineData("history.csv")]
    [InlineData("mutes")]
    public void Validate_WordOfTheAlarmPagesAddresses_RefusedNamingTheAddress(string name) =>
        Assert.Contains($"/alarms/{name.ToLowerInvariant()}", Single(Metric() with { Name = name }).Message);

    [Theory]
    [InlineData("churn-latency")]
    [InlineData("p99 > 1 s (prod)")]
    [InlineData("Latenz-Überwachung")]
    [InlineData("systems")]
    [InlineData("...")]
    [InlineData("a.b")]
    public void Validate_OrdinaryNames_Accepted(string name) => Assert.Empty(AlarmValidator.Validate(Metric() with { Name = name }, Context()));

    [Fact]
    public void Validate_Name_256CharactersRefused()
    {
        Assert.Equal("Name", Single(Metric() with { Name = new string('a', 256) }).Field);
        Assert.Empty(AlarmValidator.Validate(Metric() with { Name = new string('a', 255) }, Context()));
    }

    [Fact]
    public void Validate_Description_Over1024Refused()
    {
        Assert.Equal("Description", Single(Metric() with { Description = new string('d', 1025) }).Field);
        Assert.Empty(AlarmValidator.Validate(Metric() with { Description = new string('d', 1024) }, Context()));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    public void Validate_HighResolutionPeriod_RefusedBecauseSageMakerPublishesEachMinute(int period)
    {
        var error = Single(Metric(period: period));

        Assert.Equal("Period", error.Field);
        Assert.Contains("once a minute", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(45)]
    [InlineData(90)]
    public void Validate_PeriodNotAMultipleOf60_Refused(int period) =>
        Assert.Equal("Period", Single(Metric(stat: "Sum", metric: "Invocations") with { Period = period, Metric = Key("Invocations", "Sum", period) }).Field);

    [Fact]
    public void Validate_EvaluationPeriodsZero_Refused() =>
        Assert.Contains(AlarmValidator.Validate(Metric() with { EvaluationPeriods = 0, DatapointsToAlarm = 1 }, Context()), e => e.Field == "EvaluationPeriods");

    [Fact]
    public void Validate_PeriodTimesEvaluationPeriodsOverOneDay_Refused()
    {
        var error = Single(Metric(period: 300) with { EvaluationPeriods = 289, DatapointsToAlarm = 1 });

        Assert.Equal("EvaluationPeriods", error.Field);
        Assert.Contains("at most 288 periods of 300 s", error.Message);
        Assert.Empty(AlarmValidator.Validate(Metric(period: 300) with { EvaluationPeriods = 288, DatapointsToAlarm = 1 }, Context()));
        Assert.Empty(AlarmValidator.Validate(Metric() with { EvaluationPeriods = 1440, DatapointsToAlarm = 1 }, Context()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Validate_DatapointsToAlarmOutside1ToN_Refused(int m) =>
        Assert.Equal("DatapointsToAlarm", Single(Metric() with { DatapointsToAlarm = m }).Field);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_ThresholdNotFinite_Refused(double threshold) =>
        Assert.Equal("Threshold", Single(Metric() with { Threshold = threshold }).Field);

    private const string ThresholdRange = "a number from -1,000,000,000,000 to 1,000,000,000,000";

    /// <summary>Finding 3: the old field turned NaN into -1.8e308 and 1e309 / -1e400 into ±1.8e308, which were finite and saved.</summary>
    [Theory]
    [InlineData(double.NaN, $"Not a number: enter {ThresholdRange}.")]
    [InlineData(double.PositiveInfinity, $"Too large: enter {ThresholdRange}.")]
    [InlineData(double.NegativeInfinity, $"Too small: enter {ThresholdRange}.")]
    [InlineData(double.MaxValue, $"Too large: enter {ThresholdRange}.")]
    [InlineData(-double.MaxValue, $"Too small: enter {ThresholdRange}.")]
    [InlineData(1e13, $"Too large: enter {ThresholdRange}.")]
    [InlineData(double.Epsilon, $"Too close to 0 to be kept exactly: enter {ThresholdRange}.")]
    public void Validate_ThresholdNotFiniteOrOutOfRange_RefusedWithTheRangeInWords(double threshold, string message) =>
        Assert.Equal(new FieldError("Threshold", message), Single(Metric() with { Threshold = threshold }));

    [Theory]
    [InlineData(-1e12)]
    [InlineData(1e12)]
    [InlineData(0)]
    [InlineData(-0.0001)]
    public void Validate_ThresholdAtOrInsideTheBounds_Accepted(double threshold) =>
        Assert.Empty(AlarmValidator.Validate(Metric() with { Threshold = threshold }, Context()));

    [Theory]
    [InlineData(double.NaN, "Not a number: enter a number from 0.1 to 100.")]
    [InlineData(0.05, "Too small: enter a number from 0.1 to 100.")]
    [InlineData(100.5, "Too large: enter a number from 0.1 to 100.")]
    [InlineData(double.MaxValue, "Too large: enter a number from 0.1 to 100.")]
    public void Validate_BandWidthOutOfRange_RefusedWithTheRangeInWords(double width, string message) =>
        Assert.Equal(new FieldError("BandWidth", message), Single(Metric("ModelLatency", "Average") with
        {
            Kind = AlarmKind.AnomalyDetection,
            Comparison = ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold,
            BandWidth = width,
        }));

    [Theory]
    [InlineData(0, "Too small: enter a whole number from 1 to 1,440.")]
    [InlineData(-5, "Too small: enter a whole number from 1 to 1,440.")]
    [InlineData(int.MinValue, "Too small: enter a whole number from 1 to 1,440.")]
    [InlineData(int.MaxValue, "Too large: enter a whole number from 1 to 1,440.")]
    public void Validate_EvaluationPeriodsNotACount_OneErrorAtItsOwnField(int n, string message) =>
        Assert.Equal(new FieldError("EvaluationPeriods", message), Single(Metric() with { EvaluationPeriods = n, DatapointsToAlarm = 1 }));

    [Theory]
    [InlineData(0, "Too small: enter a whole number from 1 to 1,440.")]
    [InlineData(int.MinValue, "Too small: enter a whole number from 1 to 1,440.")]
    [InlineData(int.MaxValue, "Too large: enter a whole number from 1 to 1,440.")]
    public void Validate_DatapointsToAlarmNotACount_RefusedWithTheRangeInWords(int m, string message) =>
        Assert.Equal(new FieldError("DatapointsToAlarm", message), Single(Metric() with { DatapointsToAlarm = m }));

    [Theory]
    [InlineData(2_147_483_640)] // a multiple of 60, but 68 years
    [InlineData(86_460)]
    [InlineData(-60)]
    [InlineData(int.MinValue)]
    public void Validate_PeriodOverADayOrNegative_OnlyThePeriodIsRefused(int period) =>
        Assert.Equal(new FieldError("Period", "The period must be a multiple of 60 seconds from 60 to 86,400 (one day)."),
            Single(Metric(period: period) with { EvaluationPeriods = 1, DatapointsToAlarm = 1 }));

    [Fact]
    public void Validate_PeriodOfOneDay_Accepted() =>
        Assert.DoesNotContain(AlarmValidator.Validate(Metric(period: 86_400) with { EvaluationPeriods = 1, DatapointsToAlarm = 1 }, Context()),
            e => e.Field is "Period" or "EvaluationPeriods");

    public static TheoryData<string> NotFinite() => [.. BadInput.NotFiniteNumbers];

    /// <summary>A typed percentile: "p" and a number, which must be a plain pNN or pNN.NN between 0 and 100.</summary>
    [Theory]
    [MemberData(nameof(NotFinite))]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("99.999")]
    [InlineData("1e1")]
    [InlineData("+50")]
    [InlineData("50.")]
    public void Validate_PercentileNotPNNOrOutOfRange_RefusedAtTheStatistic(string number)
    {
        var error = Single(Metric(stat: "p" + number));

        Assert.Equal(AlarmValidator.StatField, error.Field);
        Assert.Contains("percentile pNN / pNN.NN between 0 and 100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p97.5")]
    [InlineData("p0.01")]
    [InlineData("p99.99")]
    public void Validate_TypedPercentile_Accepted(string stat) => Assert.Empty(AlarmValidator.Validate(Metric(stat: stat), Context()));

    [Fact]
    public void Validate_AnomalyOperatorOnMetricAlarm_Refused() =>
        Assert.Equal("Comparison", Single(Metric() with { Comparison = ComparisonOperator.GreaterThanUpperThreshold }).Field);

    [Fact]
    public void Validate_ThresholdOperatorOnAnomalyAlarm_Refused() =>
        Assert.Equal("Comparison", Single(Metric("ModelLatency", "Average") with { Kind = AlarmKind.AnomalyDetection }).Field);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_BandWidthNotPositiveFinite_Refused(double width) =>
        Assert.Equal("BandWidth", Single(Metric("ModelLatency", "Average") with
        {
            Kind = AlarmKind.AnomalyDetection,
            Comparison = ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold,
            BandWidth = width,
        }).Field);

    [Fact]
    public void Validate_EvaluateLowSampleCountOnNonPercentile_IsIgnored() =>
        Assert.Empty(AlarmValidator.Validate(Metric("Invocations", "Sum") with { EvaluateLowSampleCountPercentile = false }, Context()));

    [Theory]
    [InlineData("Maximum", 60)]
    [InlineData("p95", 60)]
    [InlineData("p99.9", 60)]
    [InlineData("p99", 300)] // not foldable from minute percentiles: CloudWatch computes it over 5 minutes itself
    [InlineData("Average", 900)]
    public void Validate_StatisticOrPeriodNotStored_AcceptedBecauseTheCollectorFetchesIt(string stat, int period) =>
        Assert.Empty(AlarmValidator.Validate(Metric("ModelLatency", stat, period), Context()));

    [Fact]
    public void Validate_MetricNotStoredForTheseDimensions_Refused()
    {
        var alarm = Metric() with { Metric = new SeriesKey(SageMakerMetrics.InvocationNamespace, "ModelLatency", "EndpointName=ep|VariantName=Other", "p99", 60) };

        var error = Single(alarm);

        Assert.Equal("Metric", error.Field);
        Assert.Equal("No ModelLatency series is stored for EndpointName=ep, VariantName=Other yet.", error.Message);
    }

    [Fact]
    public void Validate_MetricTheDashboardNeverCollects_Refused() =>
        Assert.Equal("Foo is not collected by the dashboard, so an alarm can't read its history.", Single(Metric("Foo", "Sum")).Message);

    [Fact]
    public void Validate_HourlyDriftMetricOverMinutes_RefusedWithItsPeriod()
    {
        var drift = new SeriesKey(SageMakerMetrics.DataQualityNamespace, "feature_baseline_drift_age", "Endpoint=ep|MonitoringSchedule=s", "Maximum", 3600);
        var context = new AlarmValidationContext([], new Dictionary<string, string>(), new SeriesSources([.. Stored, drift]));

        var error = Single(Metric() with { Metric = drift with { Period = 60 } }, context);

        Assert.Equal("feature_baseline_drift_age is published each hour; the period must be a multiple of 3600 seconds.", error.Message);
        Assert.Empty(AlarmValidator.Validate(Metric() with { Metric = drift with { Stat = "Average", Period = 3600 }, Period = 3600 }, context));
    }

    [Fact]
    public void Validate_SumOverFiveMinutes_DerivedFromTheMinuteSums() =>
        Assert.Empty(AlarmValidator.Validate(Metric("Invocations", "Sum", 300), Context()));

    [Fact]
    public void Validate_InvalidStatistic_RefusedAtTheStatisticField()
    {
        var error = Single(Metric(stat: "p100"));

        Assert.Equal(AlarmValidator.StatField, error.Field);
        Assert.Contains("not a CloudWatch statistic", error.Message);
    }

    [Fact]
    public void Validate_MathAlarm_ValidHasNoErrors() =>
        Assert.Empty(AlarmValidator.Validate(MathAlarm("100 * m1 / m2"), Context()));

    [Fact]
    public void Validate_MathExpression_UnknownIdRefusedWithPosition()
    {
        var error = Single(MathAlarm("100 * m1 / m3"));

        Assert.Equal(new FieldError("Expression", "Unknown metric id 'm3' at position 11"), error);
    }

    [Fact]
    public void Validate_MathWithElevenMetrics_Refused()
    {
        var metrics = Enumerable.Range(1, 11).Select(i => new AlarmMetric($"m{i}", Key("Invocations", "Sum"))).ToList();

        var error = Single(MathAlarm("m1") with { Metrics = metrics });

        Assert.Equal("Metrics", error.Field);
        Assert.Contains("at most 10", error.Message);
    }

    [Fact]
    public void Validate_MathMetricWithOtherPeriod_Refused() =>
        Assert.Contains("must use the alarm's period", Single(MathAlarm("m1 / m2") with
        {
            Metrics = [new("m1", Key("Invocation5XXErrors", "Sum")), new("m2", Key("Invocations", "Sum", 300))],
        }).Message);

    [Fact]
    public void Validate_CompositeValid_HasNoErrors() =>
        Assert.Empty(AlarmValidator.Validate(Composite("ALARM(latency) AND NOT OK(\"errors\")"), Context()));

    [Fact]
    public void Validate_CompositeSyntaxError_ReportsPosition() =>
        Assert.Equal(new FieldError("AlarmRule", "Unexpected end of the rule at position 17"), Single(Composite("ALARM(latency) OR")));

    [Fact]
    public void Validate_CompositeUnknownAlarm_Refused() =>
        Assert.Equal(new FieldError("AlarmRule", "There is no alarm named 'ghost'."), Single(Composite("ALARM(latency) OR ALARM(ghost)")));

    [Fact]
    public void Validate_CompositeOver100Children_Refused()
    {
        var names = Enumerable.Range(0, 101).Select(i => $"a{i}").ToList();
        var context = new AlarmValidationContext(names, new Dictionary<string, string>(), new SeriesSources(Stored));

        var error = Assert.Single(AlarmValidator.Validate(Composite(string.Join(" OR ", names.Select(n => $"ALARM({n})"))), context));

        Assert.Contains("at most 100", error.Message);
    }

    [Fact]
    public void Validate_CompositeCycle_NamesThePath()
    {
        var context = Context(new() { ["child"] = "ALARM(latency) OR ALARM(parent)" });

        var error = Single(Composite("ALARM(child)", name: "parent"), context);

        Assert.Equal(new FieldError("AlarmRule", "The rule makes a cycle of composite alarms: parent → child → parent."), error);
    }

    [Fact]
    public void Validate_CompositeSelfReference_Refused() =>
        Assert.Contains("itself", Single(Composite("ALARM(parent)", name: "parent")).Message);

    private static AlarmDefinition MathAlarm(string expression) => new()
    {
        Name = "error-rate",
        Kind = AlarmKind.MetricMath,
        Expression = expression,
        Metrics = [new("m1", Key("Invocation5XXErrors", "Sum")), new("m2", Key("Invocations", "Sum"))],
        Threshold = 5,
    };
}
