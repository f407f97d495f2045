using Dashboard.Core.Collectors;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Simulator.Faults;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests;

/// <summary>
/// The simulator's own faults (throttling, an outage, malformed replies) and a dashboard killed mid-backfill: the
/// stored history is compared point by point with what the simulator generated — nothing lost, nothing duplicated.
/// </summary>
public sealed class ResilienceTests
{
    private const int Minutes = 30;

    [Fact]
    public async Task Polling_ThrottlingOutageAndMalformedReplies_StoresEveryPointExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, rateLimits: false);
        await host.BackfillAsync(ct);
        var from = host.BackfillWindow(TestClock.Start).From;
        var store = host.Services.GetRequiredService<IFleetStore>();
        var fleetNames = Names(await store.ListAsync(ct));
        Assert.Equal(10, fleetNames.Count);

        // 14:30 to 14:40 on the simulator's (fake) clock: every request is 503.
        var outage = new FaultOutage { Start = TestClock.Start.AddMinutes(10), End = TestClock.Start.AddMinutes(20) };
        host.SimulatorFaults.Set(new FaultOptions { ThrottleRate = 0.3, MalformedRate = 0.05, Outages = [outage] });

        var metricFailuresInOutage = 0;
        var metricSuccessesAfterOutage = 0;
        var fleetFailures = 0;
        for (var minute = 1; minute <= Minutes; minute++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            var now = host.Time.GetUtcNow();
            var inOutage = outage.Contains(now);

            await host.FleetCollector.RunOnceAsync(ct);
            var fleetStatus = host.Live.Sources[FleetCollector.SourceName];
            if (fleetStatus.IsFailing)
            {
                fleetFailures++;
                // The last good fleet stays, stored and live, and metrics keep being read for it.
                Assert.Equal(fleetNames, Names(await store.ListAsync(ct)));
                Assert.Equal(fleetNames, Names(host.Live.Fleet));
            }
            else
            {
                Assert.False(inOutage, $"{now:HH:mm}: the fleet poll succeeded during the outage");
            }

            await host.MetricCollector.RunOnceAsync(ct);
            var metricStatus = host.Live.Sources[MetricCollector.SourceName];
            if (inOutage)
            {
                Assert.True(metricStatus.IsFailing, $"{now:HH:mm}: CloudWatch not reported failing during the outage");
                Assert.StartsWith("ServiceUnavailable:", metricStatus.LastError);
                Assert.Equal(now, metricStatus.LastFailure);
                metricFailuresInOutage++;
            }
            else if (now >= outage.End && !metricStatus.IsFailing)
            {
                Assert.Equal(now, metricStatus.LastSuccess);
                metricSuccessesAfterOutage++;
            }
        }

        // Not vacuous: every kind of fault was injected, and both sources went through failures.
        var injected = host.SimulatorFaults.Injected;
        Assert.True(injected.Throttled > 0 && injected.Malformed > 0 && injected.Outages > 0,
            $"throttled {injected.Throttled}, malformed {injected.Malformed}, outage replies {injected.Outages}");
        Assert.Equal(10, metricFailuresInOutage);
        Assert.True(metricSuccessesAfterOutage > 0, "CloudWatch never recovered after the outage while throttled");
        Assert.True(fleetFailures > 10, $"only {fleetFailures} fleet polls failed");

        TestContext.Current.TestOutputHelper?.WriteLine($"fleet failures {fleetFailures}, metric successes after outage {metricSuccessesAfterOutage}, " +
            $"throttled {injected.Throttled}, malformed {injected.Malformed}, requests {injected.Requests}");
        host.SimulatorFaults.Clear();
        for (var attempt = 0; attempt < 3 && IsAnyFailing(host); attempt++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            await host.FleetCollector.RunOnceAsync(ct);
            await host.MetricCollector.RunOnceAsync(ct);
        }
        host.AssertHealthy(FleetCollector.SourceName);
        host.AssertHealthy(MetricCollector.SourceName);
        Assert.Equal(fleetNames, Names(await store.ListAsync(ct)));

        var end = host.BackfillWindow(host.Time.GetUtcNow()).To;
        var stored = await host.ReadEverythingAsync(ct);
        Assert.Equal(host.MetricCollector.Series.Count, stored.Count);
        foreach (var (key, points) in stored)
        {
            SeriesAssert.SamePoints(key, host.Expected(key, from, end), points);
        }
        // The outage's minutes are there: a full series has every minute up to the end.
        var invocations = stored.Single(s => s.Key.EndpointName == "churn-prod" && s.Key.MetricName == "Invocations").Value;
        Assert.Equal((end - from) / 60, invocations.Count);
    }

    [Fact]
    public async Task Backfill_KilledMidIngestThenRestarted_LosesNothingAcknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        var (from, to) = host.BackfillWindow(TestClock.Start);
        await host.FleetCollector.RunOnceAsync(ct);

        // Killed as the fourth GetMetricData call goes out: three pages were stored, the fourth never arrives.
        const int Survived = 3;
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
        host.Faults.BeforeSend = (target, attempts) =>
        {
            if (target == FaultSwitch.GetMetricData && attempts > Survived)
            {
                kill.Cancel();
            }
        };
        await host.MetricCollector.RunOnceAsync(kill.Token);
        host.Faults.BeforeSend = null;
        Assert.True(kill.IsCancellationRequested);
        Assert.Equal(Survived + 1, host.MetricCollector.GetMetricDataCalls);

        // What the killed poll stored is right, and is only part of the window.
        var coverageQueries = host.Services.GetRequiredService<ICoverageQueries>();
        var acknowledged = await coverageQueries.GetCoverageAsync(ct);
        var partial = await host.ReadEverythingAsync(ct);
        Assert.NotEmpty(partial);
        Assert.Contains(acknowledged.Values, range => range.From > from);
        foreach (var (key, points) in partial)
        {
            AssertSubset(key, host.Expected(key, from, to), points);
        }
        var full = host.MetricCollector.Series.Sum(key => host.Expected(key, from, to).Count);
        Assert.True(partial.Values.Sum(p => p.Count) < full, "the kill came too late");
        TestContext.Current.TestOutputHelper?.WriteLine($"killed after {partial.Values.Sum(p => p.Count)} of {full} points");

        await host.RestartAsync(ct);
        Assert.Equal("ok", await IntegrityCheckAsync(host.DatabasePath, ct));
        Assert.Equal(acknowledged, await host.Services.GetRequiredService<ICoverageQueries>().GetCoverageAsync(ct));

        await host.BackfillAsync(ct);

        var stored = await host.ReadEverythingAsync(ct);
        foreach (var (key, points) in stored)
        {
            SeriesAssert.SamePoints(key, host.Expected(key, from, to), points);
        }
        Assert.True(partial.Keys.All(stored.ContainsKey));
        var coverage = await host.Services.GetRequiredService<ICoverageQueries>().GetCoverageAsync(ct);
        Assert.All(coverage, c => Assert.Equal(new FetchedRange(from, to / c.Key.Period * c.Key.Period), c.Value));
        TestContext.Current.TestOutputHelper?.WriteLine($"resumed with {host.MetricCollector.GetMetricDataCalls} GetMetricData calls");
        Assert.Equal("ok", await IntegrityCheckAsync(host.DatabasePath, ct));
    }

    /// <summary>Every stored point is the scenario's, once; some may be missing.</summary>
    private static void AssertSubset(SeriesKey key, IReadOnlyList<MetricPoint> expected, IReadOnlyList<MetricPoint> actual)
    {
        var wanted = expected.ToDictionary(p => p.Time, p => p.Value);
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.True(i == 0 || actual[i].Time > actual[i - 1].Time, $"{key}: stored times not strictly increasing at {actual[i].Time}");
            Assert.True(wanted.TryGetValue(actual[i].Time, out var value), $"{key}: unexpected point at {actual[i].Time}");
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(actual[i].Value));
        }
    }

    private static async Task<string?> IntegrityCheckAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static bool IsAnyFailing(DashboardHost host) =>
        host.Live.Sources.Values.Any(s => s.IsFailing);

    private static List<string> Names(IEnumerable<EndpointState> fleet) =>
        fleet.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
}
