using System.Net;
using System.Text.Json;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Alarms;

/// <summary>SetAlarmState flips an alarm for testing; the next evaluation decides afresh from the data.</summary>
public sealed class SetAlarmStateTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync();
        await _host.CloudWatchAsync("PutMetricAlarm", new
        {
            AlarmName = "quiet",
            Namespace = "AWS/SageMaker",
            MetricName = "Invocations",
            Dimensions = new[] { new { Name = "EndpointName", Value = "churn-prod" }, new { Name = "VariantName", Value = "AllTraffic" } },
            Statistic = "Sum",
            Period = 60,
            EvaluationPeriods = 1,
            Threshold = 1e9,
            ComparisonOperator = "GreaterThanThreshold",
        });
        _host.Time.Advance(TimeSpan.FromMinutes(1));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<JsonElement> AlarmAsync() =>
        (await _host.CloudWatchAsync("DescribeAlarms", new { AlarmNames = new[] { "quiet" } })).GetProperty("MetricAlarms")[0];

    private Task<HttpResponseMessage> SetAsync(string json) =>
        _host.PostAsync(SimulatorHost.CloudWatchPrefix + "SetAlarmState", json, "application/x-amz-json-1.0");

    [Fact]
    public async Task SetAlarmState_Alarm_FlipsWithHistoryThenTheNextEvaluationReverts()
    {
        Assert.Equal("OK", (await AlarmAsync()).GetProperty("StateValue").GetString());
        _host.Time.Advance(TimeSpan.FromSeconds(10));

        var response = await SetAsync("""{"AlarmName":"quiet","StateValue":"ALARM","StateReason":"Testing the rollback","StateReasonData":"{\"by\":\"alice\"}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var flipped = await AlarmAsync();
        Assert.Equal("ALARM", flipped.GetProperty("StateValue").GetString());
        Assert.Equal("Testing the rollback", flipped.GetProperty("StateReason").GetString());
        Assert.Equal(TestClock.Now.AddSeconds(70).ToUnixTimeSeconds(), flipped.GetProperty("StateUpdatedTimestamp").GetInt64());
        _host.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal("OK", (await AlarmAsync()).GetProperty("StateValue").GetString());
        var history = await _host.CloudWatchAsync("DescribeAlarmHistory", new { AlarmName = "quiet", HistoryItemType = "StateUpdate" });
        var summaries = history.GetProperty("AlarmHistoryItems").EnumerateArray().Select(h => h.GetProperty("HistorySummary").GetString()).ToList();
        Assert.Equal(["Alarm updated from ALARM to OK", "Alarm updated from OK to ALARM", "Alarm updated from INSUFFICIENT_DATA to OK"], summaries);
    }

    [Fact]
    public async Task SetAlarmState_ReasonDataNotJson_InvalidFormat()
    {
        var message = await SimulatorHost.AssertErrorAsync(await SetAsync("""{"AlarmName":"quiet","StateValue":"ALARM","StateReason":"x","StateReasonData":"not json"}"""),
            HttpStatusCode.BadRequest, "InvalidFormat", "InvalidFormat;Sender");

        Assert.Equal("Invalid JSON provided in StateReasonData.", message);
        Assert.Equal("OK", (await AlarmAsync()).GetProperty("StateValue").GetString());
    }

    [Fact]
    public async Task SetAlarmState_UnknownAlarm_ResourceNotFound404()
    {
        var message = await SimulatorHost.AssertErrorAsync(await SetAsync("""{"AlarmName":"nope","StateValue":"ALARM","StateReason":"x"}"""),
            HttpStatusCode.NotFound, "ResourceNotFound", "ResourceNotFound;Sender");

        Assert.Equal("Alarm nope not found", message);
    }

    [Theory]
    [InlineData("""{"AlarmName":"quiet","StateValue":"BROKEN","StateReason":"x"}""", "at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set")]
    [InlineData("""{"AlarmName":"quiet","StateValue":"OK"}""", "The parameter StateReason is required.")]
    public async Task SetAlarmState_BadInput_Refused(string json, string expected)
    {
        var response = await SetAsync(json);

        Assert.Contains(expected, (await SimulatorHost.ReadJsonAsync(response)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SetAlarmState_ReasonTooLong_LengthConstraint()
    {
        var json = JsonSerializer.Serialize(new { AlarmName = "quiet", StateValue = "OK", StateReason = new string('x', 1024) });

        Assert.EndsWith("at 'stateReason' failed to satisfy constraint: Member must have length less than or equal to 1023",
            await SimulatorHost.AssertErrorAsync(await SetAsync(json), HttpStatusCode.BadRequest, "ValidationError"));
    }
}
