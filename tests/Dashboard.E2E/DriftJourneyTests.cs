using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// The engineer's drift journey on the embedded fleet: credit-risk's drift tab puts the broken feature first (`channel`,
/// which gained a category its Model Monitor baseline never saw and then lost values), its distribution shows the new
/// category, and quality against ground truth is marked as fallen below the baseline. The engineer proposes a run of the
/// retraining pipeline; a second person (an operator) approves it; the run's steps are followed to the model it created,
/// which the rollout form offers as retrained. (Pipelines run twenty times faster in the journeys.)
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DriftJourneyTests(AppFixture app)
{
    [Fact]
    public async Task EngineerFindsBrokenFeatureAndFallingQuality_ProposesRetraining_OperatorApproves_ModelBecomesACandidate()
    {
        var (engineer, errors) = await app.OpenAsync("/endpoints/credit-risk", "engineer");
        await engineer.GetByTestId("tab-drift").ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("/endpoints/credit-risk/drift$"));

        // The drift reader fills the tab within its first rounds after start.
        var rows = engineer.GetByTestId("drift-row");
        await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var channel = engineer.Locator("[data-testid=drift-row][data-feature=channel]");
        await Expect(channel.GetByTestId("drift-score")).ToContainTextAsync("▲", new() { Timeout = 120_000 });
        await Expect(channel.GetByTestId("drift-domain")).ToHaveClassAsync(new Regex("drift-over"));
        await Expect(channel.GetByTestId("drift-missing")).ToHaveClassAsync(new Regex("drift-over"));
        await Expect(engineer.GetByTestId("drift-baseline-text")).ToContainTextAsync("Model Monitor");

        await channel.GetByTestId("drift-feature-link").ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("feature=channel"));
        await Expect(engineer.GetByTestId("drift-detail")).ToContainTextAsync("channel");
        await Expect(engineer.GetByTestId("drift-distribution")).ToContainTextAsync("partner_api");

        var accuracy = engineer.Locator("[data-testid=quality-row][data-metric=accuracy]");
        await Expect(accuracy).ToContainTextAsync("▼", new() { Timeout = 120_000 });
        await Expect(engineer.GetByTestId("quality-constant")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(engineer, "drift-credit-risk.png");

        // Retraining, proposed from the finding: the form lists the pipeline's parameters with their defaults.
        await engineer.GetByTestId("retrain-propose-open").ClickAsync();
        await Expect(engineer.GetByTestId("retrain-param-MaxDepth").Locator("input")).ToHaveValueAsync("6", new() { Timeout = 30_000 });
        await engineer.GetByTestId("retrain-param-MaxDepth").Locator("input").FillAsync("deep");
        await Expect(engineer.GetByTestId("retrain-param-MaxDepth")).ToContainTextAsync("whole number");
        await Expect(engineer.GetByTestId("retrain-submit")).ToBeDisabledAsync();
        await engineer.GetByTestId("retrain-param-MaxDepth").Locator("input").FillAsync("5");
        await engineer.GetByTestId("retrain-finding").Locator("input").FillAsync("channel gained partner_api; accuracy down to 0.75");
        await engineer.GetByTestId("retrain-reason").Locator("textarea").First.FillAsync("Retrain on the last week's traffic");
        await engineer.GetByTestId("retrain-submit").ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex(@"/retraining/\d+$"));
        var url = new Uri(engineer.Url).PathAndQuery;
        await Expect(engineer.GetByTestId("retrain-status")).ToHaveTextAsync("Waiting for approval");
        Assert.Equal(0, await engineer.GetByTestId("retrain-approve").CountAsync());

        var (op, operatorErrors) = await app.OpenAsync("/approvals", "operator");
        await Expect(op.GetByTestId("approval-row").Filter(new() { HasText = "credit-risk" })).ToContainTextAsync("etrain");
        await app.GoToAsync(op, url); // the prerendered Approve button takes no click until the circuit is up
        await op.GetByTestId("retrain-approve").ClickAsync();
        await Expect(op.GetByTestId("retrain-people")).ToContainTextAsync("operator");
        await Expect(op.GetByTestId("retrain-step").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(op.GetByTestId("retrain-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 120_000 });
        await Expect(op.GetByTestId("retrain-model-name")).ToContainTextAsync("credit-risk-glm-v5-");
        var model = (await op.GetByTestId("retrain-model-name").TextContentAsync())!.Trim();
        await AppFixture.ScreenshotAsync(op, "retraining-succeeded.png");

        // The engineer's open page followed along; the model is a candidate in the rollout form, chosen and marked.
        await Expect(engineer.GetByTestId("retrain-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 30_000 });
        await engineer.GetByTestId("retrain-deploy").ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("/endpoints/credit-risk/deploy"));
        await Expect(engineer.GetByTestId("deploy-model").First).ToContainTextAsync(model, new() { Timeout = 30_000 });
        await Expect(engineer.GetByTestId("deploy-retrained").First).ToContainTextAsync("Retrained by run #");
        await AppFixture.ScreenshotAsync(engineer, "retraining-candidate.png");
        app.AssertNoErrors(errors);
        app.AssertNoErrors(operatorErrors);
    }
}
