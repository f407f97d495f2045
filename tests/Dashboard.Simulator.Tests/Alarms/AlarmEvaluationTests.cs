using System.Text.Json;
using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.Alarms;

/// <summary>The simulator evaluates the alarms it stores, each minute of its clock, against its own generated data.</summary>
public sealed class AlarmEvaluationTests : IAsyncLifetime
{
    private static readonly Dimension[] Churn = [new("EndpointName", "churn-prod"), new("VariantName", "AllTraffic")];

    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private FleetScenario Scenario => _host.App.Services.GetRequiredService<FleetScenario>();

    /// <summary>What GetMetricData would answer for churn-prod's metric over the period starting at <paramref name="start"/>.</summary>
    private double? Value(string metric, string stat, DateTimeOffset start, int period = 60) =>
        Scenario.FindSeries("AWS/SageMaker", metric, Churn)!.GetValue(Statistic.Parse(stat), period, start);

    private static object Invocations(string name, string comparison, double threshold, int n = 3, int m = 3) => new
    {
        AlarmName = name,
        Namespace = "AWS/SageMaker",
        MetricName = "Invocations",
        Dimensions = Churn,
        Statistic = "Sum",
        Period = 60,
        EvaluationPeriods = n,
        DatapointsToAlarm = m,
        Threshold = threshold,
        ComparisonOperator = comparison,
    };

    private async Task<JsonElement> DescribeAsync(string name)
    {
        var reply = await _host.CloudWatchAsync("DescribeAlarms", new { AlarmNames = new[] { name }, AlarmTypes = new[] { "MetricAlarm", "CompositeAlarm" } });
        return reply.GetProperty("MetricAlarms").EnumerateArray().Concat(reply.GetProperty("CompositeAlarms").EnumerateArray()).Single();
    }

    [Fact]
    public async Task MetricAlarm_ThresholdBelowEveryGeneratedValue_AlarmWithTheGeneratedDatapoints()
    {
        // The three periods the first evaluation (a minute after creation) looks at.
        var asOf = TestClock.Now.AddMinutes(1);
        var values = Enumerable.Range(1, 3).Select(k => Value("Invocations", "Sum", asOf.AddMinutes(-k))!.Value).Reverse().ToList();
        await _host.CloudWatchAsync("PutMetricAlarm", Invocations("busy", "GreaterThanThreshold", values.Min() - 1));

        _host.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("INSUFFICIENT_DATA", (await DescribeAsync("busy")).GetProperty("StateValue").GetString());
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var alarm = await DescribeAsync("busy");

        Assert.Equal("ALARM", alarm.GetProperty("StateValue").GetString());
        Assert.StartsWith("Threshold crossed: 3 of the last 3 datapoints", alarm.GetProperty("StateReason").GetString());
        Assert.Equal(asOf.ToUnixTimeSeconds(), alarm.GetProperty("StateUpdatedTimestamp").GetInt64());
        Assert.Equal(asOf.ToUnixTimeSeconds(), alarm.GetProperty("StateTransitionedTimestamp").GetInt64());
        var data = JsonDocument.Parse(alarm.GetProperty("StateReasonData").GetString()!).RootElement;
        Assert.Equal("1.0", data.GetProperty("version").GetString());
        Assert.Equal("Sum", data.GetProperty("statistic").GetString());
        Assert.Equal(60, data.GetProperty("period").GetInt32());
        Assert.Equal(values, data.GetProperty("recentDatapoints").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(values.Min() - 1, data.GetProperty("threshold").GetDouble());
        Assert.Equal("2026-03-04T14:35:00.000+0000", data.GetProperty("startDate").GetString());
        Assert.Equal(3, data.GetProperty("evaluatedDatapoints").GetArrayLength());
    }

    [Fact]
    public async Task MetricAlarm_ThresholdAboveEveryValue_OkAndStaysWithoutNewHistory()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", Invocations("quiet", "GreaterThanThreshold", 1e9));
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        var alarm = await DescribeAsync("quiet");
        var history = await _host.CloudWatchAsync("DescribeAlarmHistory", new { AlarmName = "quiet", HistoryItemType = "StateUpdate" });

        Assert.Equal("OK", alarm.GetProperty("StateValue").GetString());
        Assert.Equal(TestClock.Now.AddMinutes(1).ToUnixTimeSeconds(), alarm.GetProperty("StateUpdatedTimestamp").GetInt64());
        var item = Assert.Single(history.GetProperty("AlarmHistoryItems").EnumerateArray());
        Assert.Equal("Alarm updated from INSUFFICIENT_DATA to OK", item.GetProperty("HistorySummary").GetString());
        var data = JsonDocument.Parse(item.GetProperty("HistoryData").GetString()!).RootElement;
        Assert.Equal("INSUFFICIENT_DATA", data.GetProperty("oldState").GetProperty("stateValue").GetString());
        Assert.Equal("OK", data.GetProperty("newState").GetProperty("stateValue").GetString());
        Assert.Equal(1e9, data.GetProperty("newState").GetProperty("stateReasonData").GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task MetricAlarm_ThresholdBetweenValues_FollowsTheSeriesMinuteByMinute()
    {
        // Over an hour, the alarm's state each minute is what "newest value > threshold" says of the generated data.
        var start = TestClock.Now;
        var values = Enumerable.Range(0, 60).Select(k => Value("Invocations", "Sum", start.AddMinutes(k))!.Value).ToList();
        var threshold = values.Order().ElementAt(30);
        await _host.CloudWatchAsync("PutMetricAlarm", Invocations("flappy", "GreaterThanThreshold", threshold, n: 1, m: 1));

        var expected = new List<string>();
        var last = "INSUFFICIENT_DATA";
        for (var k = 1; k < 60; k++)
        {
            var state = values[k - 1] > threshold ? "ALARM" : "OK";
            if (state != last)
            {
                expected.Add($"{last}>{state}@{k}");
                last = state;
            }
        }
        _host.Time.Advance(TimeSpan.FromMinutes(59));

        var history = await _host.CloudWatchAsync("DescribeAlarmHistory",
            new { AlarmName = "flappy", HistoryItemType = "StateUpdate", ScanBy = "TimestampAscending", MaxRecords = 100 });
        var actual = history.GetProperty("AlarmHistoryItems").EnumerateArray().Select(h =>
        {
            var data = JsonDocument.Parse(h.GetProperty("HistoryData").GetString()!).RootElement;
            var minutes = (h.GetProperty("Timestamp").GetInt64() - start.ToUnixTimeSeconds()) / 60;
            return $"{data.GetProperty("oldState").GetProperty("stateValue").GetString()}>{data.GetProperty("newState").GetProperty("stateValue").GetString()}@{minutes}";
        }).ToList();

        Assert.True(expected.Count > 2, "the threshold should make the alarm change state several times");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task MathAlarm_ErrorRateExpression_EvaluatedFromTheInputSeries()
    {
        var asOf = TestClock.Now.AddMinutes(1);
        var newest = asOf.AddMinutes(-1);
        var rate = 100 * (Value("Invocation4XXErrors", "Sum", newest) ?? 0) / Value("Invocations", "Sum", newest)!.Value;
        await _host.CloudWatchAsync("PutMetricAlarm", new
        {
            AlarmName = "churn-4xx-rate",
            EvaluationPeriods = 1,
            Threshold = rate - 1e-9,
            ComparisonOperator = "GreaterThanThreshold",
            Metrics = new object[]
            {
                new { Id = "errors", ReturnData = false, MetricStat = new { Metric = new { Namespace = "AWS/SageMaker", MetricName = "Invocation4XXErrors", Dimensions = Churn }, Period = 60, Stat = "Sum" } },
                new { Id = "inv", ReturnData = false, MetricStat = new { Metric = new { Namespace = "AWS/SageMaker", MetricName = "Invocations", Dimensions = Churn }, Period = 60, Stat = "Sum" } },
                new { Id = "e1", ReturnData = true, Expression = "100*errors/inv" },
            },
        });
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        var alarm = await DescribeAsync("churn-4xx-rate");

        Assert.Equal("ALARM", alarm.GetProperty("StateValue").GetString());
        var data = JsonDocument.Parse(alarm.GetProperty("StateReasonData").GetString()!).RootElement;
        Assert.Equal(rate, data.GetProperty("recentDatapoints")[0].GetDouble(), 9);
        Assert.False(data.TryGetProperty("statistic", out _));
    }

    [Fact]
    public async Task CompositeAlarm_ChildInAlarm_CompositeFollowsInTheSameMinute()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", Invocations("child", "GreaterThanThreshold", -1));
        await _host.CloudWatchAsync("PutCompositeAlarm", new { AlarmName = "parent", AlarmRule = "ALARM(\"child\") AND NOT OK(child)" });
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        var parent = await DescribeAsync("parent");
        var history = await _host.CloudWatchAsync("DescribeAlarmHistory", new { AlarmName = "parent", AlarmTypes = new[] { "CompositeAlarm" }, HistoryItemType = "StateUpdate" });

        Assert.Equal("ALARM", parent.GetProperty("StateValue").GetString());
        Assert.Equal("The rule is true: child is ALARM.", parent.GetProperty("StateReason").GetString());
        var triggering = JsonDocument.Parse(parent.GetProperty("StateReasonData").GetString()!).RootElement.GetProperty("triggeringAlarms");
        Assert.EndsWith(":alarm:child", triggering[0].GetProperty("arn").GetString());
        var item = Assert.Single(history.GetProperty("AlarmHistoryItems").EnumerateArray());
        Assert.Equal("CompositeAlarm", item.GetProperty("AlarmType").GetString());
    }

    [Fact]
    public async Task AnomalyAlarm_SimpleBand_EvaluatedAgainstPreviousDays()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", new
        {
            AlarmName = "churn-anomaly",
            EvaluationPeriods = 3,
            ComparisonOperator = "LessThanLowerOrGreaterThanUpperThreshold",
            ThresholdMetricId = "ad1",
            Metrics = new object[]
            {
                new { Id = "m1", ReturnData = true, MetricStat = new { Metric = new { Namespace = "AWS/SageMaker", MetricName = "Invocations", Dimensions = Churn }, Period = 300, Stat = "Sum" } },
                new { Id = "ad1", ReturnData = true, Expression = "ANOMALY_DETECTION_BAND(m1, 3)" },
            },
        });
        _host.Time.Advance(TimeSpan.FromMinutes(5));

        var alarm = await DescribeAsync("churn-anomaly");

        Assert.NotEqual("INSUFFICIENT_DATA", alarm.GetProperty("StateValue").GetString());
        var point = JsonDocument.Parse(alarm.GetProperty("StateReasonData").GetString()!).RootElement.GetProperty("evaluatedDatapoints")[0];
        var band = point.GetProperty("threshold");
        Assert.True(band.GetProperty("lower").GetDouble() < band.GetProperty("upper").GetDouble());
        var inside = point.GetProperty("value").GetDouble() >= band.GetProperty("lower").GetDouble()
            && point.GetProperty("value").GetDouble() <= band.GetProperty("upper").GetDouble();
        Assert.Equal(inside ? "OK" : "ALARM", alarm.GetProperty("StateValue").GetString());
    }

    [Fact]
    public async Task AnomalyAlarm_BandBeyondTheSimulator_InsufficientDataSayingWhy()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", new
        {
            AlarmName = "odd-anomaly",
            EvaluationPeriods = 1,
            ComparisonOperator = "GreaterThanUpperThreshold",
            ThresholdMetricId = "ad1",
            Metrics = new object[]
            {
                new { Id = "m1", ReturnData = true, MetricStat = new { Metric = new { Namespace = "AWS/SageMaker", MetricName = "Invocations", Dimensions = Churn }, Period = 60, Stat = "Sum" } },
                new { Id = "ad1", ReturnData = true, Expression = "ANOMALY_DETECTION_BAND(m1 * 2, 2)" },
            },
        });
        _host.Time.Advance(TimeSpan.FromMinutes(3));

        var alarm = await DescribeAsync("odd-anomaly");

        Assert.Equal("INSUFFICIENT_DATA", alarm.GetProperty("StateValue").GetString());
        Assert.Contains("simulator evaluates anomaly detection only as ANOMALY_DETECTION_BAND(metric, width)", alarm.GetProperty("StateReason").GetString());
    }

    [Fact]
    public async Task MetricAlarm_UnknownMetric_InsufficientDataAsMissing()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", new
        {
            AlarmName = "ghost",
            Namespace = "AWS/SageMaker",
            MetricName = "Invocations",
            Statistic = "Sum",
            Period = 60,
            Dimensions = new[] { new { Name = "EndpointName", Value = "no-such-endpoint" } },
            EvaluationPeriods = 2,
            Threshold = 1,
            ComparisonOperator = "GreaterThanThreshold",
        });
        _host.Time.Advance(TimeSpan.FromMinutes(3));

        var alarm = await DescribeAsync("ghost");

        Assert.Equal("INSUFFICIENT_DATA", alarm.GetProperty("StateValue").GetString());
        Assert.Equal("Unchecked: Initial alarm creation", alarm.GetProperty("StateReason").GetString());
    }
}
