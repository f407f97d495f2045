using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>
/// Drives deployments as people and the tracker would, over real HTTP to the simulator: an engineer proposes, another
/// operator approves, and each <see cref="RoundAsync"/> moves the shared fake clock and runs one DeploymentTracker round.
/// </summary>
internal sealed class DeploymentDriver : IAsyncDisposable
{
    /// <summary>The tracker's longest interval: one round per 10 s of SageMaker's time.</summary>
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(10);

    // The proposer also holds Operator: four eyes must hold even for someone who may approve other people's deployments.
    public static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer, Role.Operator }, "10.0.0.7");
    public static readonly Actor Oscar = new("oscar", new HashSet<Role> { Role.Operator }, "10.0.0.8");

    public const string UpdateEndpoint = FaultSwitch.SageMaker + "UpdateEndpoint";
    public const string CreateEndpointConfig = FaultSwitch.SageMaker + "CreateEndpointConfig";
    public const string DescribeEndpoint = FaultSwitch.SageMaker + "DescribeEndpoint";

    private DeploymentDriver(DashboardHost host)
    {
        Host = host;
        Tracker = NewTracker();
    }

    public DashboardHost Host { get; }

    public DeploymentTracker Tracker { get; private set; }

    public DeploymentService Service => Host.Services.GetRequiredService<DeploymentService>();

    public ISageMakerClient SageMaker => Host.Services.GetRequiredService<ISageMakerClient>();

    public IDeploymentStore Store => Host.Services.GetRequiredService<IDeploymentStore>();

    public IAuditQueries Audit => Host.Services.GetRequiredService<IAuditQueries>();

    /// <summary>Rate limits off: a deployment takes a hundred tracker rounds, each a few calls, and the clock is fake.</summary>
    public static async Task<DeploymentDriver> StartAsync(CancellationToken cancellationToken, bool scheduledDeployment = false)
    {
        var host = await DashboardHost.StartAsync(cancellationToken, rateLimits: false, scheduledDeployment: scheduledDeployment);
        await host.FleetCollector.RunOnceAsync(cancellationToken);
        return new DeploymentDriver(host);
    }

    /// <summary>A plan as the form pre-fills it: the chosen model on the first variant and the pre-ticked new-fleet alarms.</summary>
    public async Task<DeploymentPlan> PlanAsync(string endpoint, DeploymentStrategy strategy, string model, Func<DeploymentPlan, DeploymentPlan> timing,
        CancellationToken cancellationToken)
    {
        var options = await Service.OptionsAsync(endpoint, cancellationToken) ?? throw new InvalidOperationException($"{endpoint} is not in the fleet.");
        var variant = options.Endpoint.Variants[0].Name;
        var alarms = options.Alarms.Where(a => a.Recommended && a.NewFleet).Select(a => a.Name).ToList();
        var variants = options.Endpoint.Variants.Select(v => new VariantTarget(v.Name, v.Name == variant ? model : options.Serving[v.Name])).ToList();
        return timing(new DeploymentPlan(endpoint, strategy, variants, alarms));
    }

    /// <summary>Erin proposes, Oscar approves: the deployment as the tracker's round woken by the approval left it.</summary>
    public async Task<Deployment> ProposeAndApproveAsync(DeploymentPlan plan, CancellationToken cancellationToken)
    {
        var proposal = await Service.ProposeAsync(Erin, plan, "Newer model, better on the holdout set", cancellationToken);
        Assert.Empty(proposal.Errors);
        return await ApproveAsync(proposal.Deployment!.Id, cancellationToken);
    }

    /// <summary>
    /// Oscar approves, which stores Approved and calls nothing; then the round the approval wakes the tracker for, on the
    /// same clock. The deployment as that round left it.
    /// </summary>
    public async Task<Deployment> ApproveAsync(long id, CancellationToken cancellationToken)
    {
        var calls = Host.Faults.Attempts(CreateEndpointConfig) + Host.Faults.Attempts(UpdateEndpoint);
        var approved = await Service.ApproveAsync(Oscar, id, "go", cancellationToken);
        Assert.Equal((DeploymentStatus.Approved, calls), (approved.Status, Host.Faults.Attempts(CreateEndpointConfig) + Host.Faults.Attempts(UpdateEndpoint)));
        await Tracker.RunOnceAsync(cancellationToken);
        Assert.Equal(0, Tracker.ConsecutiveFailures);
        return (await Store.FindAsync(id, cancellationToken))!;
    }

    /// <summary>Moves the clock one round on and runs one tracker round; the deployment as stored afterwards.</summary>
    /// <param name="beforeTracker">Runs after the clock moved and before the tracker's round (to read what SageMaker shows then).</param>
    public async Task<Deployment> RoundAsync(long id, CancellationToken cancellationToken, Func<Task>? beforeTracker = null)
    {
        Host.Time.Advance(Round);
        if (beforeTracker is not null)
        {
            await beforeTracker();
        }
        await Tracker.RunOnceAsync(cancellationToken);
        Assert.Equal(0, Tracker.ConsecutiveFailures);
        return (await Store.FindAsync(id, cancellationToken))!;
    }

    /// <summary>Runs rounds until <paramref name="until"/> holds; fails after <paramref name="maxRounds"/>.</summary>
    public async Task<(Deployment Deployment, int Rounds)> RunAsync(long id, Func<Deployment, bool> until, CancellationToken cancellationToken,
        int maxRounds = 400)
    {
        for (var round = 1; round <= maxRounds; round++)
        {
            var deployment = await RoundAsync(id, cancellationToken);
            if (until(deployment))
            {
                return (deployment, round);
            }
        }
        var last = await Store.FindAsync(id, cancellationToken);
        Assert.Fail($"Deployment #{id} did not get there in {maxRounds} rounds: {last?.Status}, {last?.Outcome}");
        return default;
    }

    public Task<(Deployment Deployment, int Rounds)> RunToEndAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(id, d => d.IsFinished, cancellationToken);

    public Task<DescribeEndpointResponse> DescribeAsync(string endpoint, CancellationToken cancellationToken) =>
        SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(endpoint), cancellationToken);

    /// <summary>The deployment's audit records, newest first, as (action, actor).</summary>
    public async Task<IReadOnlyList<(string Action, string Actor)>> AuditAsync(string endpoint, CancellationToken cancellationToken) =>
        (await Audit.SearchAsync(new AuditFilter(ActionPrefix: "deployment.", Endpoint: endpoint), 50, cancellationToken: cancellationToken))
            .Select(r => (r.Action, r.Actor)).ToList();

    /// <summary>The dashboard restarted on the same database: new services and a new tracker with nothing in memory.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await Host.RestartAsync(cancellationToken);
        await Host.FleetCollector.RunOnceAsync(cancellationToken);
        Tracker = NewTracker();
    }

    private DeploymentTracker NewTracker() => ActivatorUtilities.CreateInstance<DeploymentTracker>(Host.Services);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
