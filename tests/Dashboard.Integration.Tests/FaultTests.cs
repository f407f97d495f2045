using Dashboard.Core.Collectors;
using Dashboard.Core.Fleet;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests;

/// <summary>A misbehaving AWS service: the poll survives, the status says why, stored data stays, recovery fills the gap.</summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData(Fault.TruncatedBody, "MalformedResponse", 1)]
    [InlineData(Fault.ServerError, "InternalFailure", 3)]
    [InlineData(Fault.Timeout, "RequestTimeout", 3)]
    public async Task MetricPoll_CloudWatchFailsThenRecovers_KeepsStoredDataAndFillsTheGapOnce(Fault fault, string errorCode, int attemptsPerPoll)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var from = host.BackfillWindow(TestClock.Start).From;
        var before = await host.ReadEverythingAsync(ct);
        var coverage = host.Services.GetRequiredService<ICoverageQueries>();
        var coverageBefore = await coverage.GetCoverageAsync(ct);

        host.Faults.Set(FaultSwitch.CloudWatch, fault);
        for (var failures = 1; failures <= 2; failures++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(5));
            var attemptsBefore = host.Faults.Attempts(FaultSwitch.GetMetricData);

            await PollAsync(host, host.MetricCollector, fault, ct);

            var status = host.Live.Sources[MetricCollector.SourceName];
            Assert.True(status.IsFailing);
            Assert.Equal(failures, status.ConsecutiveFailures);
            Assert.StartsWith(errorCode + ":", status.LastError);
            Assert.Equal(host.Time.GetUtcNow(), status.LastFailure);
            Assert.Equal(attemptsPerPoll, host.Faults.Attempts(FaultSwitch.GetMetricData) - attemptsBefore);
            SeriesAssert.SameStore(before, await host.ReadEverythingAsync(ct));
            Assert.Equal(coverageBefore, await coverage.GetCoverageAsync(ct));
        }

        // 14:40 and later: a gap of 20 minutes, longer than the 10-minute trailing window.
        host.Faults.Set(FaultSwitch.CloudWatch, Fault.None);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.MetricCollector.RunOnceAsync(ct);

        host.AssertHealthy(MetricCollector.SourceName);
        var end = host.BackfillWindow(host.Time.GetUtcNow()).To;
        foreach (var (key, points) in await host.ReadEverythingAsync(ct))
        {
            SeriesAssert.SamePoints(key, host.Expected(key, from, end), points);
        }
    }

    [Theory]
    [InlineData(Fault.TruncatedBody, "MalformedResponse")]
    [InlineData(Fault.ServerError, "InternalFailure")]
    [InlineData(Fault.Timeout, "RequestTimeout")]
    public async Task FleetPoll_SageMakerFailsThenRecovers_KeepsTheStoredFleet(Fault fault, string errorCode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var store = host.Services.GetRequiredService<IFleetStore>();
        var stored = Describe(await store.ListAsync(ct));
        var live = host.Live.Fleet;

        host.Faults.Set(FaultSwitch.SageMaker, fault);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await PollAsync(host, host.FleetCollector, fault, ct);

        var status = host.Live.Sources[FleetCollector.SourceName];
        Assert.True(status.IsFailing);
        Assert.StartsWith(errorCode + ":", status.LastError);
        Assert.Equal(stored, Describe(await store.ListAsync(ct)));
        Assert.Same(live, host.Live.Fleet);

        // Metrics keep flowing for the last known fleet meanwhile.
        await host.MetricCollector.RunOnceAsync(ct);
        host.AssertHealthy(MetricCollector.SourceName);

        host.Faults.Set(FaultSwitch.SageMaker, Fault.None);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.FleetCollector.RunOnceAsync(ct);

        host.AssertHealthy(FleetCollector.SourceName);
        var fleet = await store.ListAsync(ct);
        Assert.Equal(10, fleet.Count);
        Assert.All(fleet, e => Assert.Equal(host.Time.GetUtcNow(), e.ObservedAt));
    }

    private static Task PollAsync(DashboardHost host, PollingCollector collector, Fault fault, CancellationToken cancellationToken) =>
        fault == Fault.Timeout ? host.PollThroughTimeoutsAsync(collector, cancellationToken) : collector.RunOnceAsync(cancellationToken);

    private static List<string> Describe(IEnumerable<EndpointState> fleet) =>
        fleet.OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => $"{e.Name} {e.Status} {e.ObservedAt:O} " + string.Join(",", e.Variants.Select(v => v.ToString())))
            .ToList();
}
