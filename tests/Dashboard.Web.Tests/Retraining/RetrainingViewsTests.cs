using Bunit;
using Dashboard.Core.Audit;
using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Dashboard.Web.Retraining;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Tests.Shared.RetrainingSamples;

namespace Dashboard.Web.Tests.Retraining;

public class RetrainingViewsTests : DashboardTestContext
{
    private readonly RetrainingSamples _samples;

    public RetrainingViewsTests()
        : this(new RetrainingSamples())
    {
    }

    private RetrainingViewsTests(RetrainingSamples samples)
        : base(services => services.AddSingleton(samples.Service()).AddSingleton(samples.Live).AddSingleton<TimeProvider>(samples.Time)) =>
        _samples = samples;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<RetrainingRun> ProposedAsync(Actor by) =>
        (await _samples.Service().ProposeAsync(by, Request(), Ct)).Run!;

    private async Task<RetrainingRun> FinishedAsync(RetrainingStatus status, string outcome, string? model, params RetrainingStep[] steps)
    {
        var run = await ProposedAsync(Engineer);
        return await _samples.Store.MoveAsync(run with
        {
            Status = status,
            DecidedBy = "otto",
            DecidedAt = Start,
            ExecutionArn = $"{PipelineArn}/execution/abc",
            ExecutionStatus = status == RetrainingStatus.Succeeded ? "Succeeded" : "Failed",
            Steps = steps,
            Outcome = outcome,
            ModelName = model,
        }, RetrainingStatus.Proposed, AuditActions.RetrainingFinish, Actor.System, Ct);
    }

    [Fact]
    public async Task Card_Viewer_SeesTheRunsButCannotPropose()
    {
        SignInAs("vic", Role.Viewer);
        await FinishedAsync(RetrainingStatus.Succeeded, "Created model m.", "credit-risk-glm-v5-202612071210");

        var card = Render<RetrainingCard>(p => p.Add(c => c.Endpoint, Endpoint));

        Assert.Empty(card.FindAll("[data-testid=retrain-propose-open]"));
        var row = Assert.Single(card.FindAll("[data-testid=retrain-run]"));
        Assert.Equal("Succeeded", row.QuerySelector("[data-testid=retrain-run-status]")!.TextContent.Trim());
        Assert.Contains("credit-risk-glm-v5-202612071210", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_Engineer_OpensTheFormWithTheDefaultsAndCatchesABadValueAtItsField()
    {
        SignInAs("erin", Role.Engineer);
        var card = Render<RetrainingCard>(p => p.Add(c => c.Endpoint, Endpoint));

        card.Find("[data-testid=retrain-propose-open]").Click();
        card.WaitForElement("[data-testid=retrain-param-MaxDepth]");

        Assert.Equal("6", card.Find("[data-testid=retrain-param-MaxDepth] input").GetAttribute("value"));
        Assert.Equal("0.72", card.Find("[data-testid=retrain-param-MinF1] input").GetAttribute("value"));
        card.Find("[data-testid=retrain-param-MaxDepth] input").Input("six");
        Assert.Contains("MaxDepth is a whole number, such as 6.", card.Find("[data-testid=retrain-param-MaxDepth]").TextContent, StringComparison.Ordinal);
        Assert.True(card.Find("[data-testid=retrain-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Form_Propose_StoresEditedValuesAndOpensTheRunsPage()
    {
        SignInAs("erin", Role.Engineer);
        var form = Render<RetrainingForm>(p => p.Add(c => c.Endpoint, Endpoint).Add(c => c.Suggested, (FindingKind.Drift, "income drifted")));
        form.WaitForElement("[data-testid=retrain-param-MaxDepth]");

        form.Find("[data-testid=retrain-param-MaxDepth] input").Input("8");
        form.Find("[data-testid=retrain-reason] textarea").Input("Income moved after the new branch opened");
        form.Find("[data-testid=retrain-submit]").Click();

        form.WaitForAssertion(() => Assert.EndsWith("/retraining/1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var run = await _samples.Store.FindAsync(1, Ct);
        Assert.Equal(("erin", "8", "income drifted"), (run!.ProposedBy, run.Parameters.Single(p => p.Name == "MaxDepth").Value, run.Finding));
    }

    [Fact]
    public void Form_NoReason_ShowsTheServersErrorAtTheReason()
    {
        SignInAs("erin", Role.Engineer);
        var form = Render<RetrainingForm>(p => p.Add(c => c.Endpoint, Endpoint).Add(c => c.Suggested, (FindingKind.Drift, "income drifted")));
        form.WaitForElement("[data-testid=retrain-submit]");

        form.Find("[data-testid=retrain-submit]").Click();

        form.WaitForAssertion(() => Assert.Contains("Say why the model should be retrained.", form.Find("[data-testid=retrain-reason]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_samples.Store.Actions);
    }

    [Fact]
    public async Task Page_Proposer_MayWithdrawButNotApprove()
    {
        SignInAs("otto", Role.Operator);
        var run = await ProposedAsync(Operator);

        var page = Render<RetrainingPage>(p => p.Add(c => c.Id, run.Id));

        Assert.Empty(page.FindAll("[data-testid=retrain-approve]"));
        Assert.Single(page.FindAll("[data-testid=retrain-withdraw]"));
    }

    [Fact]
    public async Task Page_OtherOperator_ApprovesAndTheRunWaitsToStart()
    {
        SignInAs("otto", Role.Operator);
        var run = await ProposedAsync(Engineer);
        var page = Render<RetrainingPage>(p => p.Add(c => c.Id, run.Id));

        page.Find("[data-testid=retrain-approve]").Click();

        page.WaitForAssertion(() => Assert.Equal("Approved, starting", page.Find("[data-testid=retrain-status]").TextContent.Trim()));
        Assert.Equal((AuditActions.RetrainingApprove, run.Id, "otto"), _samples.Store.Actions[^1]);
        Assert.Empty(_samples.SageMaker.PipelineStarts);
    }

    [Fact]
    public async Task Page_Succeeded_ShowsStepsAndLinksTheModelToTheRolloutForm()
    {
        var at = Start;
        var run = await FinishedAsync(RetrainingStatus.Succeeded, "Created model credit-risk-glm-v5-202612071210.", "credit-risk-glm-v5-202612071210",
            new RetrainingStep("Train", PipelineStepStatuses.Succeeded, at, at.AddMinutes(2)),
            new RetrainingStep("CreateModel", PipelineStepStatuses.Succeeded, at.AddMinutes(3), at.AddMinutes(4)));

        var page = Render<RetrainingPage>(p => p.Add(c => c.Id, run.Id));

        Assert.Equal(["Train", "CreateModel"], page.FindAll("[data-testid=retrain-step]").Select(r => r.GetAttribute("data-step")));
        Assert.Equal("/endpoints/credit-risk/deploy?model=credit-risk-glm-v5-202612071210", page.Find("[data-testid=retrain-deploy]").GetAttribute("href"));
    }

    [Fact]
    public async Task Page_Failed_ShowsTheFailingStepsReason()
    {
        var run = await FinishedAsync(RetrainingStatus.Failed, "Train: AlgorithmError: MemoryError", null,
            new RetrainingStep("Train", PipelineStepStatuses.Failed, Start, Start.AddMinutes(1), "AlgorithmError: MemoryError"));

        var page = Render<RetrainingPage>(p => p.Add(c => c.Id, run.Id));

        Assert.Equal("AlgorithmError: MemoryError", page.Find("[data-testid=retrain-step-failure]").TextContent.Trim());
        Assert.Contains("Train: AlgorithmError", page.Find("[data-testid=retrain-outcome]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=retrain-deploy]"));
    }
}
