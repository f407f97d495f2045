using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.Tests.Scenario;

public sealed class FleetSizeTests
{
    private static string Identity(EndpointProfile e) =>
        $"{e.Name}|{e.ConfigName}|{e.Status}|{e.CreationTime:O}|{e.LastModifiedTime:O}|{e.Monitor?.ScheduleName}|{e.Variants.Count}";

    [Fact]
    public void FleetSize_Default_TheTenCatalogueEndpointsUnchanged()
    {
        var scenario = ScenarioHelpers.Create();
        var catalogue = FleetCatalog.Create(TestClock.Anchor);

        Assert.Equal(catalogue.Select(Identity), scenario.Endpoints.Select(Identity));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(200)]
    [InlineData(1000)]
    public void FleetSize_N_NEndpointsWithUniqueNamesConfigsAndSchedules(int size)
    {
        var scenario = new FleetScenario(42, TestClock.Anchor, size);

        Assert.Equal(size, scenario.Endpoints.Count);
        Assert.Equal(size, scenario.Endpoints.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(size, scenario.Endpoints.Select(e => e.ConfigName).Distinct(StringComparer.Ordinal).Count());
        var schedules = scenario.Endpoints.Where(e => e.Monitor is not null).Select(e => e.Monitor!.ScheduleName).ToList();
        Assert.Equal(schedules.Count, schedules.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(scenario.Series.Count, scenario.Series.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void FleetSize_200_FirstTenAsTodayAndClonesNamedAfterTheirTemplate()
    {
        var small = ScenarioHelpers.Create();
        var large = new FleetScenario(42, TestClock.Anchor, 200);

        Assert.Equal(small.Endpoints.Select(Identity), large.Endpoints.Take(10).Select(Identity));
        Assert.Equal(small.Series.Select(s => s.Key), large.Series.Take(small.Series.Count).Select(s => s.Key));
        Assert.Equal("churn-prod-011", large.Endpoints[10].Name);
        Assert.Equal("fraud-detector-012", large.Endpoints[11].Name);
        Assert.Equal("support-intent-200", large.Endpoints[199].Name);
        Assert.Same(large.Endpoints[0].Variants, large.Endpoints[10].Variants);
        Assert.Equal("churn-prod-011-data-quality", large.Endpoints[10].Monitor!.ScheduleName);
        var start = TestClock.Anchor.AddHours(-1);
        Assert.Equal(small.Series("churn-prod", "AllTraffic", "Invocations").Value("Sum", start),
            large.Series("churn-prod", "AllTraffic", "Invocations").Value("Sum", start));
    }

    [Fact]
    public void FleetSize_200_DeterministicAndClonesHaveTheirOwnNoise()
    {
        var a = new FleetScenario(42, TestClock.Anchor, 200);
        var b = new FleetScenario(42, TestClock.Anchor, 200);
        var start = TestClock.Anchor.AddHours(-2);

        Assert.Equal(a.Series.Select(s => s.Key), b.Series.Select(s => s.Key));
        var clone = a.Series("churn-prod-011", "AllTraffic", "Invocations");
        var again = b.Series("churn-prod-011", "AllTraffic", "Invocations");
        var original = a.Series("churn-prod", "AllTraffic", "Invocations");
        var minutes = Enumerable.Range(0, 60).Select(i => start.AddMinutes(i)).ToList();
        Assert.Equal(minutes.Select(t => clone.Value("Sum", t)), minutes.Select(t => again.Value("Sum", t)));
        Assert.True(minutes.Count(t => clone.Value("Sum", t) != original.Value("Sum", t)) > 40);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validator_FleetSizeOutOfRange_NamesTheKey(int size)
    {
        var result = new SimulatorOptionsValidator().Validate(null, new SimulatorOptions { FleetSize = size });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Simulator:FleetSize must be between 1 and 1000", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_FleetSizeInRange_Passes()
    {
        Assert.Equal(ValidateOptionsResult.Success, new SimulatorOptionsValidator().Validate(null, new SimulatorOptions { FleetSize = 200 }));
    }

    [Fact]
    public async Task Wire_FleetSize25_ListEndpointsAndListMetricsServeTheClones()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.FleetSize = 25);

        var page = await host.SageMakerAsync("ListEndpoints", new { MaxResults = 100 });
        var names = page.GetProperty("Endpoints").EnumerateArray().Select(e => e.GetProperty("EndpointName").GetString()!).ToList();
        Assert.Equal(25, names.Count);
        Assert.Contains("support-intent-020", names);

        var metrics = await host.CloudWatchAsync("ListMetrics", new
        {
            Namespace = "AWS/SageMaker",
            MetricName = "Invocations",
            Dimensions = new[] { new { Name = "EndpointName", Value = "support-intent-020" } },
        });
        Assert.Single(metrics.GetProperty("Metrics").EnumerateArray());
    }
}
