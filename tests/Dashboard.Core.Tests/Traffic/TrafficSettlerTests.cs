using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Tests.Collectors;
using Dashboard.Core.Tests.Workers;
using Dashboard.Core.Traffic;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Traffic;

public sealed class TrafficSettlerTests
{
    private static readonly TimeSpan FleetInterval = new CollectorOptions().FleetInterval;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_SettlingFails_TriesAgainWithinSecondsThenEveryFleetInterval()
    {
        var clock = new WatchedClock(CollectorTestData.Now);
        var store = new FakeTrafficChangeStore { ListFailure = new InvalidOperationException("database is locked") };
        var live = new LiveStore(clock);
        live.PublishFleet([CollectorTestData.Endpoint("pricing-ab")]);
        var traffic = new TrafficService(store, new FakeFleetStore(), new FakeSageMakerClient(), live, clock, NullLogger<TrafficService>.Instance);
        using var settler = new TrafficSettler(traffic, live, Options.Create(new CollectorOptions()), clock, NullLogger<TrafficSettler>.Instance);
        await settler.StartAsync(Ct);

        // The first round waits a fleet interval (the live fleet may still be the stored one) and fails.
        Assert.Equal(FleetInterval, await clock.AdvanceThroughNextWaitAsync(Ct));
        var retry = await clock.NextWaitAsync(Ct);
        store.ListFailure = null;
        clock.Advance(retry);

        Assert.InRange(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal(FleetInterval, await clock.NextWaitAsync(Ct));
    }
}
