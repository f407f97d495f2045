using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Simulator.Tests.Deployments.DeploymentRequests;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>
/// During and after a deployment each variant also publishes its invocation metrics per EndpointConfigName; the
/// two-dimension series stays the whole variant (the traffic-weighted mix), and the new fleet follows its model.
/// A canary started at 14:37 takes half the traffic from 14:40.
/// </summary>
public sealed class DeploymentMetricsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset CanaryMinute = TestClock.Now.AddMinutes(3);

    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private FleetScenario Scenario => _host.App.Services.GetRequiredService<FleetScenario>();

    private static Dimension[] Dimensions(string? config) => config is null
        ? [new("EndpointName", Endpoint), new("VariantName", "AllTraffic")]
        : [new("EndpointName", Endpoint), new("VariantName", "AllTraffic"), new("EndpointConfigName", config)];

    private double? Value(string metric, string stat, DateTimeOffset minute, string? config = null) =>
        Scenario.FindSeries("AWS/SageMaker", metric, Dimensions(config))?.GetValue(Statistic.Parse(stat), 60, minute);

    private double Total(string metric, string stat, DateTimeOffset from, int minutes, string? config = null) =>
        Enumerable.Range(0, minutes).Sum(m => Value(metric, stat, from.AddMinutes(m), config) ?? 0);

    [Fact]
    public async Task NeverDeployed_NoEndpointConfigNameSeries()
    {
        var listed = await _host.CloudWatchAsync("ListMetrics", new { Dimensions = new[] { new { Name = "EndpointConfigName" } } });

        Assert.Empty(listed.GetProperty("Metrics").EnumerateArray());
    }

    [Fact]
    public async Task WorseCanary_ConfigSeriesListedSplitTheTrafficAndTheNewFleetFollowsItsModel()
    {
        var before = Enumerable.Range(1, 5).Select(m => Value("Invocations", "Sum", TestClock.Now.AddMinutes(-m))).ToList();
        await StartAsync(_host, WorseModel, Canary(wait: 3600, termination: 0, timeout: 28800));
        _host.Time.Advance(TimeSpan.FromMinutes(20));

        var listed = await _host.CloudWatchAsync("ListMetrics", new
        {
            MetricName = "Invocations",
            Dimensions = new object[] { new { Name = "EndpointName", Value = Endpoint }, new { Name = "EndpointConfigName" } },
        });
        Assert.Equal([OldConfig, NewConfig], listed.GetProperty("Metrics").EnumerateArray()
            .Select(m => m.GetProperty("Dimensions").EnumerateArray().Single(d => d.GetProperty("Name").GetString() == "EndpointConfigName")
                .GetProperty("Value").GetString()).Order(StringComparer.Ordinal));

        // Minutes already published stay as they were; the new fleet has nothing before the canary's minute.
        Assert.Equal(before, Enumerable.Range(1, 5).Select(m => Value("Invocations", "Sum", TestClock.Now.AddMinutes(-m))));
        Assert.Null(Value("Invocations", "Sum", CanaryMinute.AddMinutes(-1), NewConfig));
        for (var m = -2; m < 15; m++)
        {
            var minute = CanaryMinute.AddMinutes(m);
            Assert.Equal(Value("Invocations", "Sum", minute), (Value("Invocations", "Sum", minute, OldConfig) ?? 0) + (Value("Invocations", "Sum", minute, NewConfig) ?? 0));
        }
        var green = Total("Invocations", "Sum", CanaryMinute, 15, NewConfig);
        var all = Total("Invocations", "Sum", CanaryMinute, 15);
        Assert.InRange(green / all, 0.47, 0.53);
        Assert.InRange(Total("Invocation5XXErrors", "Sum", CanaryMinute, 15, NewConfig) / green, 0.05, 0.07);
        Assert.InRange(Total("Invocation5XXErrors", "Sum", CanaryMinute, 15, OldConfig) / (all - green), 0, 0.005);
        var greenP90 = Total("ModelLatency", "p90", CanaryMinute, 15, NewConfig);
        var blueP90 = Total("ModelLatency", "p90", CanaryMinute, 15, OldConfig);
        Assert.InRange(greenP90 / blueP90, 1.8, 2.2);
        var mixedP90 = Total("ModelLatency", "p90", CanaryMinute, 15);
        Assert.InRange(mixedP90, blueP90 * 1.2, greenP90);
    }

    [Fact]
    public async Task RolledBack_NewFleetStopsFromTheNextMinuteAndTheOldOneCarriesOn()
    {
        // Times out at 14:47:00 (600 s), rolled back from 14:48.
        await StartAsync(_host, GoodModel, Canary(wait: 500, termination: 0, timeout: 600));
        _host.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal("InService", Status(await DescribeAsync(_host)));

        Assert.NotNull(Value("Invocations", "Sum", TestClock.Now.AddMinutes(10), NewConfig));
        Assert.Null(Value("Invocations", "Sum", TestClock.Now.AddMinutes(11), NewConfig));
        Assert.Equal(Value("Invocations", "Sum", TestClock.Now.AddMinutes(12)), Value("Invocations", "Sum", TestClock.Now.AddMinutes(12), OldConfig));
    }

    [Fact]
    public async Task Completed_NewConfigSeriesCarriesAllTheTrafficWithTheNewModelsLatency()
    {
        await StartAsync(_host, WorseModel, null);
        _host.Time.Advance(TimeSpan.FromMinutes(20));

        var minute = TestClock.Now.AddMinutes(8);
        Assert.Equal(Value("Invocations", "Sum", minute), Value("Invocations", "Sum", minute, NewConfig));
        Assert.Null(Value("Invocations", "Sum", minute, OldConfig));
        // The candidate's median is 36 ms against the live model's 18 ms.
        Assert.InRange(Total("ModelLatency", "p50", minute, 10) / Total("ModelLatency", "p50", TestClock.Now.AddMinutes(-10), 10), 1.6, 2.4);
    }
}
