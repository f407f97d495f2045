using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Deployments;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Integration.Tests.Deployments;
using Dashboard.Integration.Tests.Notifications;
using Dashboard.Simulator.Scenario;
using Dashboard.Tests.Shared;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Replicas;

/// <summary>
/// The worker lease's promise, with real processes: three dashboard replicas on one PostgreSQL database poll one
/// simulator process; the lease holder is killed with SIGKILL in the middle of the backfill, and again while a webhook
/// retry is on the wire and a deployment is under way. Another replica takes over within 30 s each time, and in the
/// end the stored history is the simulator's generator point by point (no gap, no duplicate), every webhook delivery
/// arrived (a repeat only of the attempt the kill cut off, with the same delivery id), and SageMaker was asked to
/// create the config and update the endpoint once each.
/// </summary>
public sealed class FailoverTests
{
    private const string Deployed = "churn-prod";
    private const string GetMetricData = "GraniteServiceVersion20100801.GetMetricData";
    private const string CreateEndpointConfig = "SageMaker.CreateEndpointConfig";
    private const string UpdateEndpoint = "SageMaker.UpdateEndpoint";
    private const string UpdateWeights = "SageMaker.UpdateEndpointWeightsAndCapacities";
    private const int BackfillDays = 2;
    private const int Seed = 42;

    /// <summary>The promise (README, "Several replicas"): a killed holder's work is taken over within this.</summary>
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(30);

    /// <summary>Bounds for what takes a while on a busy 2-core machine: start-up, backfill, a deployment.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HolderKilledMidBackfillAndMidWebhookRetry_TakenOverWithin30s_HistoryExactDeliveriesOnceSageMakerCalledOnce()
    {
        var database = await PostgresServer.CreateDatabaseAsync(Ct);
        try
        {
            var anchor = FloorToHour(DateTimeOffset.UtcNow);
            await using var simulator = await SimulatorProcess.StartAsync(anchor, new Dictionary<string, string>
            {
                ["Simulator:Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
                // The fleet's series stay the generator's: only the test's own deployment changes one endpoint.
                ["Simulator:ScheduledDeployment"] = "false",
                // A deployment's 3 minutes of provisioning and baking take 20 s.
                ["Simulator:DeploymentSpeed"] = "10",
                ["Simulator:CaptureRecordsPerHour"] = "120",
                // CloudWatch is out until every replica is up and the test watches (the first holder may start long before the
                // last replica listens on a busy machine); then slow until the backfill is done, so the kill lands in its middle.
                ["Simulator:Faults:Outages:0:Start"] = anchor.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
                ["Simulator:Faults:Outages:0:End"] = anchor.AddHours(3).ToString("O", CultureInfo.InvariantCulture),
                ["Simulator:Faults:Services"] = "CloudWatch",
            }, Ct);
            await using var receiver = await WebhookReceiver.StartAsync();
            var webhooks = new DeliveryLedger();
            receiver.Script = webhooks.AnswerAsync;
            await using var replicas = await ReplicaSet.StartAsync(3, ReplicaEnvironment(database, simulator), Ct);
            await using var services = Compose(database, simulator);
            var coverage = services.GetRequiredService<ICoverageQueries>();
            var deployments = services.GetRequiredService<DeploymentService>();

            // 1. Killed mid-ingest: the recent hours are stored, older days of the backfill are not yet.
            var holder = await replicas.HolderAsync(Patience, Ct);
            await simulator.SetFaultsAsync("""{"SlowResponse":"00:00:01.5","Services":"CloudWatch"}""", Ct);
            var oldest = 0L;
            // Complete back to the oldest hour of the backfill (an hour later when the next holder planned after an hour began).
            bool Backfilled(FetchedRange range) => range.From <= oldest + 3600;
            await WaitAsync("the holder's backfill to have stored its first window and not its oldest", async () =>
            {
                var ranges = await coverage.GetCoverageAsync(Ct);
                oldest = Floor(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - BackfillDays * 86_400L, 3600);
                Assert.False(ranges.Values.Any(Backfilled), "The backfill was over before the test could kill its replica.");
                return ranges.Count > 0;
            }, Patience, replicas);
            var backfillCalls = await simulator.CallsAsync(GetMetricData, Ct);
            var first = await replicas.KillAsync(holder, Takeover, async () => Assert.True(
                !(await coverage.GetCoverageAsync(Ct)).Values.All(Backfilled), "The backfill was over when its replica was killed."), Ct);
            Assert.True(first.After < Takeover, $"Replica {first.Holder} took over {first.After.TotalSeconds:0.0} s after replica {holder} was killed.");
            await WaitAsync("the backfill to be complete after the takeover", async () =>
                (await coverage.GetCoverageAsync(Ct)).Values.All(Backfilled), Patience, replicas);
            await simulator.ClearFaultsAsync(Ct);
            await services.GetRequiredService<IWebhookStore>().CreateAsync(
                new Webhook(0, "ops", $"{receiver.Address}hooks/failover", WebhookFormat.Generic, true), Admin, Ct);

            // 2. Killed mid-webhook-retry and mid-deployment: a retry held on the wire, UpdateEndpoint asked, the endpoint updating.
            await WaitAsync($"{Deployed} in the stored fleet", async () => await deployments.OptionsAsync(Deployed, Ct) is not null, Patience, replicas);
            var deployment = await ProposeAndApproveAsync(deployments, Ct);
            webhooks.HoldNextRetry();
            await WaitAsync("a webhook retry held at the receiver and UpdateEndpoint asked", async () =>
                webhooks.Held is not null && await simulator.CallsAsync(UpdateEndpoint, Ct) >= 1, Patience, replicas);
            var atKill = await deployments.FindAsync(deployment.Id, Ct);
            var killedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var second = await replicas.KillAsync(first.Holder, Takeover, () =>
            {
                // The receiver acts on the held attempt; its answer goes nowhere.
                webhooks.Release();
                return Task.CompletedTask;
            }, Ct);
            Assert.True(second.After < Takeover, $"Replica {second.Holder} took over {second.After.TotalSeconds:0.0} s after replica {first.Holder} was killed.");
            Assert.False(atKill!.IsFinished, $"The deployment was {atKill.Status} already when the holder was killed.");
            // SageMaker had the request, so the dead holder had stored that it asked: what keeps the next one from asking again.
            Assert.NotNull(atKill.UpdateRequestedAt);

            // 3. The new holder carries on: the deployment ends, every delivery goes out, and the minutes after the kill are stored.
            var store = services.GetRequiredService<IWebhookStore>();
            var minuteAfterKill = Floor(killedAt, 60) + 60;
            await WaitAsync("the deployment's final notice, every delivery delivered and the minute after the kill stored", async () =>
                (await store.DeliveriesAsync(new DeliveryFilter { Limit = 1000 }, Ct)) is var log
                && log.Any(d => d.Notice is { Key: "final" } notice && notice.DeploymentId == deployment.Id)
                && log.All(d => d.Status == DeliveryStatus.Delivered)
                && (await coverage.GetCoverageAsync(Ct)).Where(c => Compared(c.Key) && c.Key.Period == 60).All(c => c.Value.To >= minuteAfterKill),
                Patience, replicas);

            // History: every series of every endpoint the deployment did not touch, over the whole window, point by point.
            var scenario = new FleetScenario(Seed, anchor);
            var ranges = (await coverage.GetCoverageAsync(Ct)).Where(c => Compared(c.Key)).ToList();
            var stored = await services.GetRequiredService<IMetricQueries>().ReadAsync([.. ranges.Select(r => r.Key)], oldest - 86_400,
                killedAt + 86_400, Ct);
            Assert.True(ranges.Count > 100, $"Only {ranges.Count} series stored.");
            var compared = 0L;
            foreach (var (key, range) in ranges)
            {
                Assert.True(Backfilled(range), $"{key}: history from {range.From}, the backfill began at {oldest}.");
                var points = stored.GetValueOrDefault(key) ?? [];
                AssertStrictlyIncreasing(key, points);
                var expected = Expected(scenario, key, range);
                SeriesAssert.SamePoints(key, expected, [.. points.Where(p => p.Time >= range.From && p.Time < range.To)]);
                compared += expected.Count;
            }
            // Not vacuous: most minute series have a point in every minute of the two days.
            Assert.True(compared > ranges.Count(r => r.Key.Period == 60) * BackfillDays * 1440L / 2, $"Only {compared} points compared.");

            // Webhooks: every delivery arrived; a repeat only of the attempt cut off by the kill, under its own id.
            var deliveries = await store.DeliveriesAsync(new DeliveryFilter { Limit = 1000 }, Ct);
            var ids = deliveries.Select(d => d.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
            Assert.Equal(ids.Order(), webhooks.Accepted.Keys.Order());
            var repeats = webhooks.Accepted.Where(a => a.Value > 1).ToDictionary(a => a.Key, a => a.Value);
            Assert.True(repeats.Keys.All(id => id == webhooks.Held), $"Delivered more than once: {string.Join(", ", repeats.Select(r => $"#{r.Key} ×{r.Value}"))}; "
                + $"only #{webhooks.Held}, on the wire at the kill, may be.");
            Assert.All(repeats.Values, count => Assert.Equal(2, count));

            // SageMaker: the deployment asked once for each change, though its holder died after asking.
            var calls = await simulator.CallsAsync(Ct);
            var finished = (await deployments.FindAsync(deployment.Id, Ct))!;
            Assert.Equal((DeploymentStatus.Succeeded, 1L, 1L, 0L),
                (finished.Status, calls.GetValueOrDefault(CreateEndpointConfig), calls.GetValueOrDefault(UpdateEndpoint), calls.GetValueOrDefault(UpdateWeights)));

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Takeovers: {first.After.TotalSeconds:0.0} s after a kill {backfillCalls} GetMetricData calls into the backfill, "
                + $"{second.After.TotalSeconds:0.0} s after a kill during delivery #{webhooks.Held}'s retry with the deployment {atKill.Status}; "
                + $"{ranges.Count} series, {compared} points compared; {ids.Count} deliveries, {repeats.Count} delivered twice.");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    /// <summary>Erin proposes an all-at-once deployment of a newer model, Oscar approves: the holder's tracker starts it.</summary>
    private static async Task<Deployment> ProposeAndApproveAsync(DeploymentService deployments, CancellationToken cancellationToken)
    {
        var options = (await deployments.OptionsAsync(Deployed, cancellationToken))!;
        var variant = options.Endpoint.Variants[0].Name;
        var variants = options.Endpoint.Variants
            .Select(v => new VariantTarget(v.Name, v.Name == variant ? "churn-xgboost-2026-11" : options.Serving[v.Name])).ToList();
        // The form's pre-ticked rollback alarms (the new fleet's recommended ones).
        var alarms = options.Alarms.Where(a => a.Recommended && a.NewFleet).Select(a => a.Name).ToList();
        var plan = new DeploymentPlan(Deployed, DeploymentStrategy.AllAtOnce, variants, alarms) { BakeSeconds = 60 };
        var proposal = await deployments.ProposeAsync(DeploymentDriver.Erin, plan, "Newer model, better on the holdout set", cancellationToken);
        Assert.Empty(proposal.Errors);
        return await deployments.ApproveAsync(DeploymentDriver.Oscar, proposal.Deployment!.Id, "go", cancellationToken);
    }

    /// <summary>
    /// The series compared with the generator: CloudWatch's, of every endpoint but the deployed one (whose new config has
    /// series of its own). Dashboard/… series are the dashboard's own, computed from data capture.
    /// </summary>
    private static bool Compared(SeriesKey key) => key.EndpointName != Deployed && !key.Namespace.StartsWith("Dashboard/", StringComparison.Ordinal);

    /// <summary>The generator's value for every period of [From, To) that has data.</summary>
    private static List<MetricPoint> Expected(FleetScenario scenario, SeriesKey key, FetchedRange range)
    {
        var series = scenario.FindSeries(key.EndpointName!, key.VariantName, key.MetricName)
            ?? throw new InvalidOperationException($"The scenario has no series for {key}.");
        var statistic = Statistic.Parse(key.Stat);
        var points = new List<MetricPoint>();
        for (var t = (range.From + key.Period - 1) / key.Period * key.Period; t < range.To; t += key.Period)
        {
            if (series.GetValue(statistic, key.Period, DateTimeOffset.FromUnixTimeSeconds(t)) is { } value)
            {
                points.Add(new MetricPoint(t, value));
            }
        }
        return points;
    }

    private static void AssertStrictlyIncreasing(SeriesKey key, IReadOnlyList<MetricPoint> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].Time > points[i - 1].Time, $"{key}: point at {points[i].Time} stored twice or out of order.");
        }
    }

    /// <summary>Each replica's settings: live mode against the simulator process, PostgreSQL, everything polled every 5 s.</summary>
    private static Dictionary<string, string> ReplicaEnvironment(string database, SimulatorProcess simulator) =>
        Settings(database, simulator).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    private static Dictionary<string, string> Settings(string database, SimulatorProcess simulator) => new()
    {
        ["Dashboard:Mode"] = "Live",
        ["Dashboard:Database:Provider"] = "Postgres",
        ["Dashboard:Database:ConnectionString"] = database,
        ["Aws:Region"] = SimulatorProcess.Region,
        ["Aws:CloudWatchServiceUrl"] = simulator.Address.ToString(),
        ["Aws:SageMakerServiceUrl"] = simulator.Address.ToString(),
        ["Aws:S3ServiceUrl"] = simulator.Address.ToString(),
        ["Aws:StsServiceUrl"] = simulator.Address.ToString(),
        ["Aws:AccessKeyId"] = SimulatorProcess.AccessKeyId,
        ["Aws:SecretAccessKey"] = SimulatorProcess.SecretAccessKey,
        ["Collectors:BackfillDays"] = BackfillDays.ToString(CultureInfo.InvariantCulture),
        ["Collectors:FleetInterval"] = "00:00:05",
        ["Collectors:MetricInterval"] = "00:00:05",
        ["Collectors:VitalMetricInterval"] = "00:00:05",
        ["Collectors:SlowMetricInterval"] = "00:00:05",
        // CloudWatch is out at first: the metric collector retries every 2 s, not after up to 5 minutes.
        ["Collectors:MaxBackoff"] = "00:00:02",
        ["Drift:BackfillDays"] = "1",
        ["Notifications:AllowedDestinations:0"] = "127.0.0.1",
        ["Notifications:DispatchInterval"] = "00:00:01",
        ["Notifications:FirstRetryDelay"] = "00:00:01",
        ["Notifications:MaxRetryDelay"] = "00:00:02",
        ["Notifications:MaxAttempts"] = "20",
        // Longer than the receiver holds an attempt: the kill, not a timeout, ends the held one.
        ["Notifications:RequestTimeout"] = "00:02:00",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Dashboard.Core.Workers"] = "Information",
    };

    /// <summary>The dashboard's own services on the same database, not started: the test proposes, approves and reads through them.</summary>
    private static ServiceProvider Compose(string database, SimulatorProcess simulator)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(database, simulator).Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddDashboard(configuration, simulator: null).BuildServiceProvider();
    }

    private static async Task WaitAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, ReplicaSet replicas)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Waited {timeout.TotalSeconds:0} s for {what}.\n{replicas.Logs()}");
            }
            await Task.Delay(100, Ct);
        }
    }

    private static long Floor(long time, long step) => time / step * step;

    private static DateTimeOffset FloorToHour(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(Floor(time.ToUnixTimeSeconds(), 3600));

    /// <summary>
    /// The receiver's side: the first attempt of every delivery fails with 500 (so each has a retry); once armed, the next
    /// retry is held until released and then accepted. Counts the attempts it accepted, by X-Dashboard-Delivery.
    /// </summary>
    private sealed class DeliveryLedger
    {
        private readonly ConcurrentDictionary<string, int> _seen = new();
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public ConcurrentDictionary<string, int> Accepted { get; } = new();

        /// <summary>The delivery whose retry was held at the kill.</summary>
        public string? Held { get; private set; }

        public void HoldNextRetry() => Volatile.Write(ref _armed, 1);

        public void Release() => _release.TrySetResult();

        public async Task<int> AnswerAsync(string deliveryId)
        {
            if (_seen.AddOrUpdate(deliveryId, 1, (_, n) => n + 1) == 1)
            {
                return 500;
            }
            // A receiver acts on what it received whether or not its answer gets back.
            Accepted.AddOrUpdate(deliveryId, 1, (_, n) => n + 1);
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Held = deliveryId;
                await _release.Task;
            }
            return 200;
        }
    }
}
