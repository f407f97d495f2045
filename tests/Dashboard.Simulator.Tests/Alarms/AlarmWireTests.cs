using System.Net;
using System.Text.Json;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Alarms;

public sealed class AlarmWireTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static object MetricAlarm(string name, int period = 60, int evaluationPeriods = 5, object? extra = null) => new
    {
        AlarmName = name,
        Namespace = "AWS/SageMaker",
        MetricName = "Invocation5XXErrors",
        Dimensions = new[] { new { Name = "EndpointName", Value = "churn-prod" }, new { Name = "VariantName", Value = "AllTraffic" } },
        Statistic = "Sum",
        Period = period,
        EvaluationPeriods = evaluationPeriods,
        DatapointsToAlarm = 3,
        Threshold = 10.5,
        ComparisonOperator = "GreaterThanThreshold",
        TreatMissingData = "notBreaching",
        AlarmActions = new[] { "arn:aws:sns:us-east-1:123456789012:oncall" },
    };

    private async Task<string> PutErrorAsync(string operation, string json, string code)
    {
        var response = await _host.PostAsync(SimulatorHost.CloudWatchPrefix + operation, json, "application/x-amz-json-1.0");
        return await SimulatorHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, code, code + ";Sender");
    }

    [Fact]
    public async Task PutMetricAlarm_New_DescribedInsufficientDataWithArnAndTimestamps()
    {
        Assert.Equal("{}", (await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("churn-5xx"))).GetRawText());

        var reply = await _host.CloudWatchAsync("DescribeAlarms", new { AlarmNames = new[] { "churn-5xx" } });

        var alarm = Assert.Single(reply.GetProperty("MetricAlarms").EnumerateArray());
        Assert.Empty(reply.GetProperty("CompositeAlarms").EnumerateArray());
        Assert.Equal("INSUFFICIENT_DATA", alarm.GetProperty("StateValue").GetString());
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:churn-5xx", alarm.GetProperty("AlarmArn").GetString());
        Assert.Equal(TestClock.Now.ToUnixTimeSeconds(), alarm.GetProperty("AlarmConfigurationUpdatedTimestamp").GetInt64());
        Assert.Equal(TestClock.Now.ToUnixTimeSeconds(), alarm.GetProperty("StateUpdatedTimestamp").GetInt64());
        Assert.Equal(10.5, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal(3, alarm.GetProperty("DatapointsToAlarm").GetInt32());
        Assert.Equal(2, alarm.GetProperty("Dimensions").GetArrayLength());
    }

    [Fact]
    public async Task PutMetricAlarm_Overwrite_KeepsStateAndUpdatesConfiguration()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("a"));
        _host.Time.Advance(TimeSpan.FromMinutes(3));
        var before = (await _host.CloudWatchAsync("DescribeAlarms", new { })).GetProperty("MetricAlarms").EnumerateArray().Single();
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("a", period: 300, evaluationPeriods: 4));

        var alarm = (await _host.CloudWatchAsync("DescribeAlarms", new { })).GetProperty("MetricAlarms").EnumerateArray().Single();

        Assert.Equal(300, alarm.GetProperty("Period").GetInt32());
        Assert.Equal(TestClock.Now.AddMinutes(3).ToUnixTimeSeconds(), alarm.GetProperty("AlarmConfigurationUpdatedTimestamp").GetInt64());
        // Evaluated once a minute since creation; the overwrite keeps that state and its time.
        Assert.NotEqual("INSUFFICIENT_DATA", before.GetProperty("StateValue").GetString());
        Assert.Equal(before.GetProperty("StateValue").GetString(), alarm.GetProperty("StateValue").GetString());
        Assert.Equal(before.GetProperty("StateUpdatedTimestamp").GetInt64(), alarm.GetProperty("StateUpdatedTimestamp").GetInt64());
    }

    [Theory]
    [InlineData("""{"AlarmName":"","Namespace":"N","MetricName":"M","Statistic":"Sum","Period":60,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}""",
        "ValidationError", "at 'alarmName' failed to satisfy constraint: Member must have length greater than or equal to 1")]
    [InlineData("""{"AlarmName":"x","Namespace":"N","MetricName":"M","Period":60,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}""",
        "InvalidParameterValue", "Exactly one of Statistic, ExtendedStatistic or Metrics")]
    [InlineData("""{"AlarmName":"x","Namespace":"N","MetricName":"M","Statistic":"Sum","ExtendedStatistic":"p99","Period":60,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}""",
        "InvalidParameterValue", "Exactly one of Statistic, ExtendedStatistic or Metrics")]
    [InlineData("""{"AlarmName":"x","Namespace":"N","MetricName":"M","Statistic":"Sum","Period":45,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}""",
        "InvalidParameterValue", "Period must be 10, 20, 30 or a multiple of 60")]
    [InlineData("""{"AlarmName":"x","Namespace":"N","MetricName":"M","Statistic":"Sum","Period":60,"EvaluationPeriods":1441,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}""",
        "InvalidParameterValue", "EvaluationPeriods * Period must be <= 86400")]
    [InlineData("""{"AlarmName":"x","Namespace":"N","MetricName":"M","Statistic":"Sum","Period":60,"EvaluationPeriods":2,"DatapointsToAlarm":3,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}""",
        "InvalidParameterValue", "DatapointsToAlarm (3) must be less than or equal to EvaluationPeriods (2)")]
    [InlineData("""{"AlarmName":"x","Namespace":"N","MetricName":"M","Statistic":"Sum","Period":60,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"Bigger"}""",
        "ValidationError", "Value 'Bigger' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set")]
    [InlineData("""{"AlarmName":"x","Namespace":"N","MetricName":"M","Statistic":"Sum","Period":60,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold","TreatMissingData":"zero"}""",
        "InvalidParameterValue", "The value zero for parameter TreatMissingData is not valid")]
    public async Task PutMetricAlarm_InvalidRequest_RefusedLikeAws(string json, string code, string message)
    {
        Assert.Contains(message, await PutErrorAsync("PutMetricAlarm", json, code));

        var reply = await _host.CloudWatchAsync("DescribeAlarms", new { });
        Assert.Empty(reply.GetProperty("MetricAlarms").EnumerateArray());
    }

    [Fact]
    public async Task PutMetricAlarm_LongPeriods_AllowedBeyondADay()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("daily", period: 3600, evaluationPeriods: 48));
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("ten-s", period: 10, evaluationPeriods: 5));
        var message = await PutErrorAsync("PutMetricAlarm", JsonSerializer.Serialize(new string('n', 256) is var name
            ? new { AlarmName = name, Statistic = "Sum", Period = 60, EvaluationPeriods = 1, ComparisonOperator = "LessThanThreshold" }
            : null), "ValidationError");
        Assert.Contains("Member must have length less than or equal to 255", message);
    }

    [Fact]
    public async Task PutCompositeAlarm_DescribedOnlyWhenAsked()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("child"));
        await _host.CloudWatchAsync("PutCompositeAlarm", new { AlarmName = "parent", AlarmRule = "ALARM(\"child\") OR OK(other)" });

        var metricOnly = await _host.CloudWatchAsync("DescribeAlarms", new { });
        var both = await _host.CloudWatchAsync("DescribeAlarms", new { AlarmTypes = new[] { "CompositeAlarm", "MetricAlarm" } });
        var children = await _host.CloudWatchAsync("DescribeAlarms", new { ChildrenOfAlarmName = "parent" });
        var parents = await _host.CloudWatchAsync("DescribeAlarms", new { ParentsOfAlarmName = "child", AlarmTypes = new[] { "CompositeAlarm" } });

        Assert.Empty(metricOnly.GetProperty("CompositeAlarms").EnumerateArray());
        var composite = Assert.Single(both.GetProperty("CompositeAlarms").EnumerateArray());
        Assert.Equal("INSUFFICIENT_DATA", composite.GetProperty("StateValue").GetString());
        Assert.Equal("ALARM(\"child\") OR OK(other)", composite.GetProperty("AlarmRule").GetString());
        Assert.Single(both.GetProperty("MetricAlarms").EnumerateArray());
        Assert.Equal("child", children.GetProperty("MetricAlarms").EnumerateArray().Single().GetProperty("AlarmName").GetString());
        Assert.Equal("parent", parents.GetProperty("CompositeAlarms").EnumerateArray().Single().GetProperty("AlarmName").GetString());
    }

    [Fact]
    public async Task PutCompositeAlarm_RuleTooLong_ValidationError()
    {
        var message = await PutErrorAsync("PutCompositeAlarm",
            JsonSerializer.Serialize(new { AlarmName = "c", AlarmRule = new string('x', 10_241) }), "ValidationError");

        Assert.Contains("at 'alarmRule' failed to satisfy constraint: Member must have length less than or equal to 10240", message);
    }

    [Fact]
    public async Task DescribeAlarms_PrefixStateAndPages_EveryAlarmOnceInNameOrder()
    {
        for (var i = 0; i < 7; i++)
        {
            await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm($"fleet-{i:00}"));
        }
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("other"));

        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await _host.CloudWatchAsync("DescribeAlarms", token is null
                ? new { AlarmNamePrefix = "fleet-", StateValue = "INSUFFICIENT_DATA", MaxRecords = 3 }
                : (object)new { AlarmNamePrefix = "fleet-", StateValue = "INSUFFICIENT_DATA", MaxRecords = 3, NextToken = token });
            names.AddRange(page.GetProperty("MetricAlarms").EnumerateArray().Select(a => a.GetProperty("AlarmName").GetString()!));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"fleet-{i:00}"), names);
        var ok = await _host.CloudWatchAsync("DescribeAlarms", new { StateValue = "OK" });
        Assert.Empty(ok.GetProperty("MetricAlarms").EnumerateArray());
    }

    [Fact]
    public async Task DescribeAlarms_BadArguments_Refused()
    {
        Assert.Contains("Member must have value less than or equal to 100",
            await PutErrorAsync("DescribeAlarms", """{"MaxRecords":101}""", "ValidationError"));
        Assert.Contains("Member must have length less than or equal to 100", await PutErrorAsync("DescribeAlarms",
            JsonSerializer.Serialize(new { AlarmNames = Enumerable.Range(0, 101).Select(i => $"a{i}") }), "ValidationError"));
        await PutErrorAsync("DescribeAlarms", """{"NextToken":"garbage"}""", "InvalidNextToken");
        await PutErrorAsync("DescribeAlarms", """{"AlarmTypes":["LogAlarm"]}""", "ValidationError");
    }

    [Fact]
    public async Task DeleteAlarms_KnownAndUnknown_DeletesKnownAndHistorySurvives()
    {
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("gone"));
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm("gone", evaluationPeriods: 6));
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await _host.CloudWatchAsync("DeleteAlarms", new { AlarmNames = new[] { "gone", "never-existed" } });

        Assert.Empty((await _host.CloudWatchAsync("DescribeAlarms", new { })).GetProperty("MetricAlarms").EnumerateArray());
        var history = (await _host.CloudWatchAsync("DescribeAlarmHistory", new { AlarmName = "gone", HistoryItemType = "ConfigurationUpdate" }))
            .GetProperty("AlarmHistoryItems").EnumerateArray().ToList();

        Assert.Equal(["Alarm \"gone\" deleted", "Alarm \"gone\" updated", "Alarm \"gone\" created"],
            history.Select(h => h.GetProperty("HistorySummary").GetString()));
        Assert.All(history, h =>
        {
            Assert.Equal("ConfigurationUpdate", h.GetProperty("HistoryItemType").GetString());
            Assert.Equal("MetricAlarm", h.GetProperty("AlarmType").GetString());
        });
        Assert.Equal(TestClock.Now.AddMinutes(2).ToUnixTimeSeconds(), history[0].GetProperty("Timestamp").GetInt64());
        var data = JsonDocument.Parse(history[2].GetProperty("HistoryData").GetString()!).RootElement;
        Assert.Equal("Create", data.GetProperty("type").GetString());
        Assert.Equal("gone", data.GetProperty("createdAlarm").GetProperty("alarmName").GetString());
        Assert.Equal(6, JsonDocument.Parse(history[1].GetProperty("HistoryData").GetString()!).RootElement
            .GetProperty("updatedAlarm").GetProperty("evaluationPeriods").GetInt32());
    }

    [Fact]
    public async Task DescribeAlarmHistory_FiltersScanAndPages()
    {
        for (var i = 0; i < 5; i++)
        {
            await _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm($"h{i}"));
            _host.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await _host.CloudWatchAsync("PutCompositeAlarm", new { AlarmName = "comp", AlarmRule = "ALARM(h0)" });

        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await _host.CloudWatchAsync("DescribeAlarmHistory", token is null
                ? new { ScanBy = "TimestampAscending", MaxRecords = 2, HistoryItemType = "ConfigurationUpdate" }
                : (object)new { ScanBy = "TimestampAscending", MaxRecords = 2, HistoryItemType = "ConfigurationUpdate", NextToken = token });
            names.AddRange(page.GetProperty("AlarmHistoryItems").EnumerateArray().Select(h => h.GetProperty("AlarmName").GetString()!));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        Assert.Equal(["h0", "h1", "h2", "h3", "h4"], names);

        var window = await _host.CloudWatchAsync("DescribeAlarmHistory", new
        {
            StartDate = TestClock.Now.AddMinutes(1).ToUnixTimeSeconds(),
            EndDate = TestClock.Now.AddMinutes(2).ToUnixTimeSeconds(),
            HistoryItemType = "ConfigurationUpdate",
        });
        Assert.Equal(["h2", "h1"], window.GetProperty("AlarmHistoryItems").EnumerateArray().Select(h => h.GetProperty("AlarmName").GetString()));
        var composite = await _host.CloudWatchAsync("DescribeAlarmHistory", new { AlarmTypes = new[] { "CompositeAlarm" } });
        Assert.Equal("comp", composite.GetProperty("AlarmHistoryItems").EnumerateArray().Single().GetProperty("AlarmName").GetString());
        // Each metric alarm was first evaluated a minute after its creation; the composite has not been yet.
        var states = await _host.CloudWatchAsync("DescribeAlarmHistory", new { HistoryItemType = "StateUpdate", AlarmTypes = new[] { "MetricAlarm", "CompositeAlarm" } });
        Assert.Equal(["h4", "h3", "h2", "h1", "h0"],
            states.GetProperty("AlarmHistoryItems").EnumerateArray().Select(h => h.GetProperty("AlarmName").GetString()));
    }

    [Fact]
    public async Task DeleteAlarms_MoreThanHundredNames_ValidationError()
    {
        await PutErrorAsync("DeleteAlarms", JsonSerializer.Serialize(new { AlarmNames = Enumerable.Range(0, 101).Select(i => $"a{i}") }),
            "ValidationError");
    }

    [Fact]
    public async Task PutMetricAlarm_Concurrent_EveryAlarmStored()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _host.CloudWatchAsync("PutMetricAlarm", MetricAlarm($"c{i:00}"))));

        var reply = await _host.CloudWatchAsync("DescribeAlarms", new { MaxRecords = 100 });
        Assert.Equal(40, reply.GetProperty("MetricAlarms").GetArrayLength());
        var history = await _host.CloudWatchAsync("DescribeAlarmHistory", new { });
        Assert.Equal(40, history.GetProperty("AlarmHistoryItems").GetArrayLength());
    }
}
