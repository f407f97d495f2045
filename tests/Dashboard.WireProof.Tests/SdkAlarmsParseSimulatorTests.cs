using System.Globalization;
using System.Text.Json;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// The JS SDK's alarm commands against the simulator: a put, a describe with parsed dates, the history's
/// ConfigurationUpdate items, a delete, and a validation error surfacing by its query code.
/// </summary>
public sealed class SdkAlarmsParseSimulatorTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static JsonElement Output(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"the SDK failed: {result}");
        return result.GetProperty("output");
    }

    private static DateTimeOffset ParsedDate(JsonElement value)
    {
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        return DateTimeOffset.Parse(value.GetProperty("$date").GetString()!, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task MetricAndCompositeAlarm_PutDescribeHistoryDelete_SdkRoundTrips()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Output(await simulator.CallAsync("PutMetricAlarm", """
            {"AlarmName":"sdk-churn-5xx","Namespace":"AWS/SageMaker","MetricName":"Invocation5XXErrors","Statistic":"Sum",
             "Dimensions":[{"Name":"EndpointName","Value":"churn-prod"}],"Period":60,"EvaluationPeriods":5,"DatapointsToAlarm":3,
             "Threshold":10.5,"ComparisonOperator":"GreaterThanThreshold","TreatMissingData":"notBreaching"}
            """));
        Output(await simulator.CallAsync("PutCompositeAlarm", """{"AlarmName":"sdk-any","AlarmRule":"ALARM(\"sdk-churn-5xx\")"}"""));

        var described = Output(await simulator.CallAsync("DescribeAlarms",
            """{"AlarmNamePrefix":"sdk-","AlarmTypes":["MetricAlarm","CompositeAlarm"]}"""));
        var alarm = Assert.Single(described.GetProperty("MetricAlarms").EnumerateArray());
        Assert.Equal("sdk-churn-5xx", alarm.GetProperty("AlarmName").GetString());
        Assert.Equal("INSUFFICIENT_DATA", alarm.GetProperty("StateValue").GetString());
        Assert.Equal(10.5, alarm.GetProperty("Threshold").GetDouble());
        Assert.EndsWith(":alarm:sdk-churn-5xx", alarm.GetProperty("AlarmArn").GetString());
        Assert.InRange(ParsedDate(alarm.GetProperty("AlarmConfigurationUpdatedTimestamp")), before, DateTimeOffset.UtcNow.AddSeconds(1));
        ParsedDate(alarm.GetProperty("StateUpdatedTimestamp"));
        var composite = Assert.Single(described.GetProperty("CompositeAlarms").EnumerateArray());
        Assert.Equal("ALARM(\"sdk-churn-5xx\")", composite.GetProperty("AlarmRule").GetString());
        ParsedDate(composite.GetProperty("StateTransitionedTimestamp"));

        Output(await simulator.CallAsync("DeleteAlarms", """{"AlarmNames":["sdk-churn-5xx","sdk-unknown"]}"""));
        var after = Output(await simulator.CallAsync("DescribeAlarms", """{"AlarmNames":["sdk-churn-5xx"]}"""));
        Assert.Empty(after.GetProperty("MetricAlarms").EnumerateArray());

        var history = Output(await simulator.CallAsync("DescribeAlarmHistory",
            """{"AlarmName":"sdk-churn-5xx","HistoryItemType":"ConfigurationUpdate","ScanBy":"TimestampAscending"}"""));
        var items = history.GetProperty("AlarmHistoryItems").EnumerateArray().ToList();
        Assert.Equal(["Alarm \"sdk-churn-5xx\" created", "Alarm \"sdk-churn-5xx\" deleted"],
            items.Select(i => i.GetProperty("HistorySummary").GetString()));
        Assert.All(items, i =>
        {
            Assert.Equal("ConfigurationUpdate", i.GetProperty("HistoryItemType").GetString());
            Assert.InRange(ParsedDate(i.GetProperty("Timestamp")), before, DateTimeOffset.UtcNow.AddSeconds(1));
            using var data = JsonDocument.Parse(i.GetProperty("HistoryData").GetString()!);
            Assert.Equal("1.0", data.RootElement.GetProperty("version").GetString());
        });
    }

    [Fact]
    public async Task PutMetricAlarm_BadPeriod_SdkRaisesInvalidParameterValueException()
    {
        var result = await simulator.CallAsync("PutMetricAlarm", """
            {"AlarmName":"sdk-bad","Namespace":"AWS/SageMaker","MetricName":"Invocations","Statistic":"Sum","Period":45,
             "EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}
            """);

        Assert.False(result.GetProperty("ok").GetBoolean(), $"the SDK succeeded: {result}");
        var error = result.GetProperty("error");
        // The SDK names the modelled exception that declares the query code it found in x-amzn-query-error.
        Assert.Equal("InvalidParameterValueException", error.GetProperty("name").GetString());
        Assert.Equal("InvalidParameterValue", error.GetProperty("code").GetString());
        Assert.Equal(400, error.GetProperty("httpStatusCode").GetInt32());
        Assert.Contains("Period must be 10, 20, 30 or a multiple of 60", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task PutMetricAlarm_EmptyName_SdkRaisesValidationException()
    {
        var result = await simulator.CallAsync("PutMetricAlarm", """
            {"AlarmName":"","Namespace":"N","MetricName":"M","Statistic":"Sum","Period":60,"EvaluationPeriods":1,"Threshold":1,
             "ComparisonOperator":"GreaterThanThreshold"}
            """);

        Assert.False(result.GetProperty("ok").GetBoolean(), $"the SDK succeeded: {result}");
        var error = result.GetProperty("error");
        Assert.Equal("ValidationException", error.GetProperty("name").GetString());
        Assert.Equal("ValidationError", error.GetProperty("code").GetString());
        Assert.Contains("at 'alarmName' failed to satisfy constraint", error.GetProperty("message").GetString());
    }
}
