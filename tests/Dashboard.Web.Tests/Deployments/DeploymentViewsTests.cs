using Bunit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Dashboard.Web.Deployments;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Deployments;

/// <summary>The timeline people watch, the endpoint page's deployments card, and what the New deployment form proposes.</summary>
public sealed class DeploymentViewsTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = FleetTestData.Now;
    private readonly FakeDeploymentStore _store;

    public DeploymentViewsTests()
        : this(new FakeDeploymentStore())
    {
    }

    private DeploymentViewsTests(FakeDeploymentStore store)
        : base(services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(FleetTestData.Now));
            services.AddSingleton<IDeploymentStore>(store);
        }) => _store = store;

    private static DeploymentPlan Canary => new("churn-prod", DeploymentStrategy.Canary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")],
        ["churn-prod-AllTraffic-new-fleet-5xx-rate"])
    {
        Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 30),
        WaitSeconds = 600,
        BakeSeconds = 600,
    };

    [Fact]
    public void Timeline_RunningStep_ShowsItsShareHoldCountdownAndProgress()
    {
        var steps = DeploymentTimeline.Steps(Canary, 2).ToList();
        steps[0] = steps[0] with { State = StepState.Done, StartedAt = Now.AddMinutes(-5), EndedAt = Now.AddMinutes(-4) };
        steps[1] = steps[1] with { State = StepState.Running, StartedAt = Now.AddMinutes(-4) };

        var cut = Render<DeploymentTimelineView>(p => p.Add(v => v.Steps, steps).Add(v => v.Now, Now));

        var rows = cut.FindAll("[data-testid=deployment-step]");
        Assert.Equal(["Done", "Running", "Pending"], rows.Select(r => r.GetAttribute("data-state")));
        Assert.Contains("30 % on the new model", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("held 10 min", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("· 6 min left", cut.Find("[data-testid=step-countdown]").TextContent.Trim());
        Assert.Single(cut.FindAll(".mud-progress-linear"));
        Assert.Contains("All traffic on the new fleet, baking", rows[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_PlanNotStarted_HasNoCountdown()
    {
        var cut = Render<DeploymentTimelineView>(p => p.Add(v => v.Steps, DeploymentTimeline.Steps(Canary, 2)).Add(v => v.Now, Now));

        Assert.All(cut.FindAll("[data-testid=deployment-step]"), r => Assert.Equal("Pending", r.GetAttribute("data-state")));
        Assert.Empty(cut.FindAll("[data-testid=step-countdown]"));
    }

    [Theory]
    [InlineData(Role.Viewer, false)]
    [InlineData(Role.Engineer, true)]
    [InlineData(Role.Operator, true)]
    public void EndpointCard_NewDeploymentOnlyForThoseWhoMayPropose(Role role, bool offered)
    {
        SignInAs("someone", role);

        var cut = Render<EndpointDeploymentsCard>(p => p.Add(c => c.Endpoint, "churn-prod"));

        Assert.Equal(offered, cut.FindAll("[data-testid=new-deployment]").Count == 1);
        Assert.Contains("No deployment recorded yet.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointCard_ListsTheEndpointsDeploymentsWithTheirStateAndStep()
    {
        var steps = DeploymentTimeline.Steps(Canary, 2).Select(s => s.Index == 1 ? s with { State = StepState.Running, StartedAt = Now } : s).ToList();
        _store.Put(new Deployment(1, Canary, "why", DeploymentStatus.Deploying, "erin", Now, steps));
        _store.Put(new Deployment(2, Canary with { Endpoint = "fraud-detector" }, "why", DeploymentStatus.Succeeded, "erin", Now, steps));

        var cut = Render<EndpointDeploymentsCard>(p => p.Add(c => c.Endpoint, "churn-prod"));

        var row = Assert.Single(cut.FindAll("[data-testid=endpoint-deployment]"));
        Assert.Contains("Deploying", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("AllTraffic → churn-xgboost-2026-12 · Canary (blue/green) · Canary", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/deployments/1", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void GatedCanaryRule_StatesTheSequentialTestItsAlphaAndTheRequestsAStepMayNeed()
    {
        var cut = Render<GatedCanaryRule>();

        var text = cut.Find("[data-testid=gated-canary-rule]").TextContent;
        Assert.Contains("group-sequential test", text, StringComparison.Ordinal);
        Assert.Contains("with chance at most 5 % however many holds it takes", text, StringComparison.Ordinal);
        Assert.Contains("O'Brien–Fleming-type function (Lan–DeMets)", text, StringComparison.Ordinal);
        Assert.Contains("up to 23,511 requests", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Form_SwitchingStrategy_FillsItsUsualTimingAndProposesOnlyTheOfferedTickedAlarms()
    {
        var form = new DeploymentForm([new VariantInput("AllTraffic", "churn-xgboost-2026-01") { Model = "churn-xgboost-2026-12" }], ["a", "b"]);

        form.Apply(DeploymentStrategy.Linear);
        form.Toggle("b", false);
        var plan = form.Plan("churn-prod", ["a", "b", "c"]);

        Assert.Equal(DeploymentStrategy.Linear, plan.Strategy);
        Assert.Equal(new CapacitySize(CapacitySizeTypes.CapacityPercent, 25), plan.Size);
        Assert.Equal((300, 600), (plan.WaitSeconds, plan.BakeSeconds));
        Assert.Equal(["a"], plan.RollbackAlarms);
    }

    [Theory]
    [InlineData("5, 25, 50, 100", new[] { 5, 25, 50, 100 })]
    [InlineData("5 → 25 → 100%", new[] { 5, 25, 100 })]
    [InlineData("5, x, 100", new[] { 5, 0, 100 })]
    public void Form_GatedSteps_ReadFromWhatPeopleType(string text, int[] steps) => Assert.Equal(steps, DeploymentForm.ParseSteps(text));

    [Fact]
    public void Form_FixingAField_ClearsItsErrorOnly()
    {
        var form = new DeploymentForm([new VariantInput("AllTraffic", "m")], [])
        {
            Errors = [new(DeploymentService.ReasonField, "Say why."), new(DeploymentRules.ModelField("AllTraffic"), "Choose.")],
        };

        form.Clear(DeploymentService.ReasonField);

        Assert.Null(form.Error(DeploymentService.ReasonField));
        Assert.Equal("Choose.", form.Error(DeploymentRules.ModelField("AllTraffic")));
    }
}
