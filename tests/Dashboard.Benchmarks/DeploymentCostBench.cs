using System.Diagnostics;
using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// The `cost` bench's deployment line (issue 13, Performance): the real DeploymentTracker, every 10 s of the shared
/// clock, first with no deployment, then with 50 blue/green deployments started by its launcher and held in their
/// canary or baking step. Per tracker round: DescribeEndpoint calls for the deploying endpoints and for others, any other SageMaker or
/// CloudWatch call, and the wall time (the client-side rate limits are on); per minute: GetMetricData calls and
/// metrics requested, with and without the deployments.
/// </summary>
public static class DeploymentCostBench
{
    private const int Deployments = 50;
    private const int Minutes = 3;
    private const int RoundsPerMinute = 6;
    private const string DescribeEndpoint = "SageMaker.DescribeEndpoint";

    public static async Task RunAsync(CostHost host)
    {
        var tracker = host.NewTracker();
        Console.WriteLine();
        Console.WriteLine($"Deployment tracking: tracker round every 10 s, fleet and metric poll every minute, SlowMetricInterval "
            + $"{Core.Collectors.PollCadence.IntervalOf(Core.Collectors.SeriesCadence.Slow, host.Options).TotalMinutes:0} min; {Minutes} minutes without deployments, then {Deployments} deployments.");
        var without = await MinutesAsync(host, tracker, new HashSet<string>(StringComparer.Ordinal));

        var deploying = await StartAsync(host, tracker);
        // Let SageMaker provision the new fleets and start the canary step before measuring (the tracker keeps tracking meanwhile).
        for (var minute = 0; minute < 30 && await InCanaryAsync(host) < deploying.Count; minute++)
        {
            await MinutesAsync(host, tracker, deploying, quiet: true, minutes: 1);
        }
        Console.WriteLine($"{await InCanaryAsync(host)} of {deploying.Count} deployments in their canary or baking step; measuring.");
        var with = await MinutesAsync(host, tracker, deploying);

        Console.WriteLine();
        Console.WriteLine("phase           rounds  DescribeEndpoint/round  of them deploying  other SageMaker  CloudWatch  round s mean/max"
            + "  GetMetricData/min  metrics/min  ListMetrics/min  series");
        foreach (var (name, phase) in new[] { ("no deployment", without), ($"{deploying.Count} deploying", with) })
        {
            var describes = (phase.DeployingDescribes + phase.OtherDescribes) / (double)phase.Rounds;
            Console.WriteLine($"{name,-15} {phase.Rounds,6}  {describes,22:0.0}  {phase.DeployingDescribes / (double)phase.Rounds,17:0.0}  {phase.OtherSageMaker,15}"
                + $"  {phase.CloudWatch,10}  {phase.RoundSeconds.Average(),8:0.00} / {phase.RoundSeconds.Max(),4:0.00}"
                + $"  {phase.GetMetricData / (double)Minutes,17:0.0}  {phase.Metrics / (double)Minutes,11:N0}  {phase.ListMetrics / (double)Minutes,15:0.0}  {phase.Series,6}");
        }
        Console.WriteLine("(DescribeEndpoint not of a deploying endpoint: the outside-deployment look at endpoints Updating their weights, once per fleet poll.)");
    }

    private sealed record Phase(int Rounds, int DeployingDescribes, int OtherDescribes, int OtherSageMaker, int CloudWatch, List<double> RoundSeconds,
        long GetMetricData, long Metrics, int ListMetrics, int Series);

    /// <summary>Each minute: a fleet poll, six tracker rounds 10 s apart, a metric poll. The tracker's own calls are counted round by round.</summary>
    private static async Task<Phase> MinutesAsync(CostHost host, DeploymentTracker tracker, IReadOnlySet<string> deploying, bool quiet = false,
        int minutes = Minutes)
    {
        int rounds = 0, deployingDescribes = 0, otherDescribes = 0, otherSageMaker = 0, cloudWatch = 0, listMetrics = 0;
        long getMetricData = 0, metrics = 0;
        var seconds = new List<double>();
        for (var minute = 0; minute < minutes; minute++)
        {
            await host.Fleet.RunOnceAsync(CancellationToken.None);
            for (var round = 0; round < RoundsPerMinute; round++)
            {
                host.Time.Advance(TimeSpan.FromSeconds(10));
                var before = host.Calls.Take();
                var watch = Stopwatch.StartNew();
                await tracker.RunOnceAsync(CancellationToken.None);
                seconds.Add(watch.Elapsed.TotalSeconds);
                if (tracker.ConsecutiveFailures > 0)
                {
                    throw new InvalidOperationException("A tracker round failed; its figures would mean nothing.");
                }
                var calls = host.Calls.Take().Since(before);
                rounds++;
                deployingDescribes += calls.DescribedEndpoints.Where(e => deploying.Contains(e.Key)).Sum(e => e.Value);
                otherDescribes += calls.DescribedEndpoints.Where(e => !deploying.Contains(e.Key)).Sum(e => e.Value);
                otherSageMaker += calls.ByOperation.Where(o => o.Key.StartsWith("SageMaker.", StringComparison.Ordinal) && o.Key != DescribeEndpoint).Sum(o => o.Value);
                cloudWatch += calls.ByOperation.Where(o => o.Key.StartsWith("CloudWatch.", StringComparison.Ordinal)).Sum(o => o.Value);
            }
            var beforePoll = host.Calls.Take();
            var (callsBefore, requestedBefore) = (host.Metrics.GetMetricDataCalls, host.Metrics.MetricsRequested);
            await host.Metrics.RunOnceAsync(CancellationToken.None);
            host.ThrowIfFailing();
            getMetricData += host.Metrics.GetMetricDataCalls - callsBefore;
            metrics += host.Metrics.MetricsRequested - requestedBefore;
            listMetrics += host.Calls.Take().Since(beforePoll).Count("CloudWatch.ListMetrics");
        }
        if (!quiet)
        {
            Console.WriteLine($"  {minutes} min: {rounds} tracker rounds, {getMetricData} GetMetricData calls, {metrics:N0} metrics requested");
        }
        return new Phase(rounds, deployingDescribes, otherDescribes, otherSageMaker, cloudWatch, seconds, getMetricData, metrics, listMetrics,
            host.Metrics.Series.Count);
    }

    /// <summary>
    /// Stores 50 approved deployments of each endpoint's serving models in a new config on InService endpoints (a
    /// one-instance canary held an hour, or all at once baking an hour), as an approval would, and lets one tracker round
    /// start them all; returns their endpoints.
    /// </summary>
    private static async Task<IReadOnlySet<string>> StartAsync(CostHost host, DeploymentTracker tracker)
    {
        var store = host.Services.GetRequiredService<IDeploymentStore>();
        var sageMaker = host.Services.GetRequiredService<ISageMakerClient>();
        var now = host.Time.GetUtcNow();
        var chosen = host.Live.Fleet.Where(e => e.Status == EndpointStatuses.InService && e.ConfigName is not null).Take(Deployments).ToList();
        foreach (var endpoint in chosen)
        {
            var config = await sageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(endpoint.ConfigName!));
            // A one-instance canary where the fleet has two or more (SageMaker takes at most half); all at once, baking, otherwise.
            var canary = endpoint.Variants.Min(v => v.CurrentInstanceCount) >= 2;
            var plan = new DeploymentPlan(endpoint.Name, canary ? DeploymentStrategy.Canary : DeploymentStrategy.AllAtOnce,
                config.ProductionVariants.Select(v => new VariantTarget(v.VariantName, v.ModelName ?? "?")).ToList(), [])
            {
                Size = canary ? new CapacitySize(CapacitySizeTypes.InstanceCount, 1) : null,
                WaitSeconds = canary ? 3_600 : 0,
                BakeSeconds = canary ? 600 : 3_600,
                TimeoutSeconds = 7_200,
            };
            var proposed = await store.AddAsync(new Deployment(0, plan, "cost bench", DeploymentStatus.Proposed, "bench-engineer", now,
                DeploymentTimeline.Steps(plan, DeploymentRules.Instances(plan, endpoint)))
            { OldConfig = endpoint.ConfigName },
                AuditActions.DeploymentPropose, Actor.System);
            await store.MoveAsync(proposed with
            {
                Status = DeploymentStatus.Approved,
                DecidedBy = "bench-operator",
                DecidedAt = now,
                NewConfig = DeploymentService.ConfigName(endpoint.Name, now),
            }, DeploymentStatus.Proposed, AuditActions.DeploymentApprove, Actor.System);
        }
        var before = host.Calls.Take();
        var watch = Stopwatch.StartNew();
        host.Time.Advance(TimeSpan.FromSeconds(10));
        await tracker.RunOnceAsync(CancellationToken.None);
        var calls = host.Calls.Take().Since(before);
        var started = await store.ListAsync([DeploymentStatus.Deploying], 100);
        Console.WriteLine($"Starting round (the launcher: {started.Count} of {chosen.Count} started, {watch.Elapsed.TotalSeconds:0.0} s): "
            + string.Join(", ", calls.ByOperation.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        foreach (var failed in await store.ListAsync([DeploymentStatus.Failed], 100))
        {
            Console.WriteLine($"  not started: {failed.Endpoint}: {failed.Outcome}");
        }
        return started.Select(d => d.Endpoint).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<int> InCanaryAsync(CostHost host) =>
        (await host.Services.GetRequiredService<IDeploymentStore>().ListAsync([DeploymentStatus.Deploying], 100))
            .Count(d => d.CurrentStep?.Index == 1);
}
