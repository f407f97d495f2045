using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// The operators' journey: an engineer proposes a SageMaker canary of churn-prod's worse candidate model, a second person
/// (an operator) approves it, the timeline moves through provisioning to the canary, the new fleet's 5XX alarm trips, and
/// SageMaker rolls back by itself; the page says which alarm and that the old config serves again. The engineer never
/// gets an Approve button. (Deployments run ten times faster in the journeys: a 30-minute wait takes three.)
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DeploymentJourneyTests(AppFixture app)
{
    private const string WorseCandidate = "churn-xgboost-2026-12-rc1";

    [Fact]
    public async Task EngineerProposesCanaryOfAWorseModel_OperatorApproves_AlarmRollsItBackAndPageSaysWhy()
    {
        var (engineer, engineerErrors) = await app.OpenAsync("/endpoints/churn-prod", "engineer");
        await engineer.GetByTestId("new-deployment").ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("/endpoints/churn-prod/deploy$"));
        var form = engineer.GetByTestId("deploy-models");
        await Expect(form).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Nothing chosen: refused at the fields, nothing stored.
        await engineer.GetByTestId("deploy-propose").ClickAsync();
        await Expect(form).ToContainTextAsync("Choose the model this variant should serve.");
        await Expect(engineer.GetByTestId("deploy-reason")).ToContainTextAsync("Say why this model should be deployed.");

        await form.GetByTestId("deploy-model").Locator(".mud-input-slot").First.ClickAsync();
        await engineer.GetByRole(AriaRole.Option).Filter(new() { HasText = WorseCandidate }).ClickAsync();
        await Expect(engineer.GetByTestId("deploy-plan-models")).ToContainTextAsync($"AllTraffic → {WorseCandidate}");
        await Expect(engineer.GetByTestId("deploy-plan-words")).ToContainTextAsync("30 % of capacity on the new fleet for 10 min, then 100 %, bake 10 min");
        await engineer.GetByTestId("deploy-wait").Locator("input").FillAsync("1800");
        await engineer.GetByTestId("deploy-timeout").Locator("input").FillAsync("7200");
        await Expect(engineer.GetByTestId("deploy-plan-words")).ToContainTextAsync("for 30 min, then 100 %");
        var newFleetAlarm = engineer.GetByTestId("deploy-alarm").Filter(new() { HasText = "churn-prod-AllTraffic-new-fleet-5xx-rate" });
        await Expect(newFleetAlarm.Locator("input")).ToBeCheckedAsync();
        await engineer.GetByTestId("deploy-reason").Locator("textarea").First.FillAsync("Release candidate with the December features");
        await AppFixture.ScreenshotAsync(engineer, "deployment-form.png");
        await engineer.GetByTestId("deploy-propose").ClickAsync();

        await Expect(engineer).ToHaveURLAsync(new Regex(@"/deployments/\d+$"));
        var url = engineer.Url;
        await Expect(engineer.GetByTestId("deployment-status")).ToHaveTextAsync("Waiting for approval");
        Assert.Equal(0, await engineer.GetByTestId("deployment-approve").CountAsync());
        await Expect(engineer.GetByTestId("deployment-withdraw")).ToBeVisibleAsync();

        // The operator finds it among the pending approvals and approves it.
        var (op, operatorErrors) = await app.OpenAsync("/approvals", "operator");
        await Expect(op.GetByTestId("approval-row").Filter(new() { HasText = "churn-prod" })).ToContainTextAsync(WorseCandidate);
        await app.GoToAsync(op, new Uri(url).PathAndQuery); // the prerendered Approve button takes no click until the circuit is up
        await op.GetByTestId("deployment-approve").ClickAsync();
        await Expect(op.GetByTestId("deployment-status")).ToHaveTextAsync("Deploying", new() { Timeout = 60_000 });
        await Expect(op.GetByTestId("deployment-new-config")).ToHaveTextAsync(new Regex(@"^churn-prod-\d{14}$"));
        await Expect(op.GetByTestId("deployment-people")).ToContainTextAsync("approved by operator");

        // SageMaker provisions the new fleet, then moves the canary's share to it.
        var canary = op.GetByTestId("deployment-step").Nth(1);
        await Expect(canary).ToHaveAttributeAsync("data-state", "Running", new() { Timeout = 90_000 });
        await Expect(op.GetByTestId("deployment-step").Nth(0)).ToHaveAttributeAsync("data-state", "Done");
        await Expect(canary.GetByTestId("step-countdown")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(op, "deployment-canary.png");

        // The worse model's errors trip the new fleet's alarm while the canary bakes: SageMaker rolls back by itself.
        await Expect(op.GetByTestId("deployment-abort")).ToBeVisibleAsync();
        await Expect(op.GetByTestId("deployment-status")).ToHaveTextAsync("Rolled back", new() { Timeout = 300_000 });
        await Expect(op.GetByTestId("deployment-outcome")).ToContainTextAsync("rolled back to endpoint config \"churn-prod-config-v7\"");
        await Expect(op.GetByTestId("deployment-outcome")).ToContainTextAsync("churn-prod-AllTraffic-new-fleet-5xx-rate");
        await Expect(op.GetByTestId("deployment-step").Nth(1)).ToHaveAttributeAsync("data-state", "Failed");
        await AppFixture.ScreenshotAsync(op, "deployment-rolled-back.png");

        // The engineer's open page followed along.
        await Expect(engineer.GetByTestId("deployment-status")).ToHaveTextAsync("Rolled back", new() { Timeout = 30_000 });
        app.AssertNoErrors(engineerErrors);
        app.AssertNoErrors(operatorErrors);
    }
}
