using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// Four eyes on the A/B endpoint: an engineer proposes turning the 80/20 split around, an operator sees the proposal
/// and approves it, and once SageMaker has finished updating the card shows the new split. The engineer never gets an
/// Approve button.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TrafficJourneyTests(AppFixture app)
{
    private const string Path = "/endpoints/pricing-ab";

    [Fact]
    public async Task EngineerProposes_OperatorApproves_CardShowsTheNewSplit()
    {
        // The engineer proposes; a missing reason is caught at its field first.
        var (engineer, engineerErrors) = await app.OpenAsync(Path, "engineer");
        var card = engineer.GetByTestId("traffic-card");
        await Expect(card.GetByTestId("traffic-share-VariantA")).ToHaveTextAsync("80 %", new() { Timeout = 30_000 });
        await Expect(card.GetByTestId("traffic-share-VariantB")).ToHaveTextAsync("20 %");
        await card.GetByTestId("propose-traffic").ClickAsync();
        await card.GetByTestId("weight-VariantA").Locator("input").FillAsync("0.2");
        await card.GetByTestId("weight-VariantB").Locator("input").FillAsync("0.8");
        await Expect(card.GetByTestId("weight-VariantB")).ToContainTextAsync("80 % of traffic");
        await card.GetByTestId("submit-proposal").ClickAsync();
        await Expect(card.GetByTestId("traffic-reason")).ToContainTextAsync("Say why the weights should change.");
        await card.GetByTestId("traffic-reason").Locator("input").FillAsync("VariantB wins the pricing test; give it most traffic");
        await AppFixture.ScreenshotAsync(card, "traffic-proposal-form.png");
        await card.GetByTestId("submit-proposal").ClickAsync();

        await Expect(card.GetByTestId("pending-proposal")).ToContainTextAsync("engineer proposed");
        await Expect(card.GetByTestId("pending-split")).ToHaveTextAsync("VariantA 20 % · VariantB 80 %");
        await Expect(card.GetByTestId("withdraw-traffic")).ToBeVisibleAsync();
        Assert.Equal(0, await card.GetByTestId("approve-traffic").CountAsync());
        Assert.Equal(0, await card.GetByTestId("reject-traffic").CountAsync());

        // The operator learns of it on the fleet page (strip, navigation count, bell) and goes to it in one click.
        var (op, operatorErrors) = await app.OpenAsync("/", "operator");
        await Expect(op.GetByTestId("pending-approvals")).ToContainTextAsync("pricing-ab");
        await Expect(op.GetByTestId("pending-approvals")).ToContainTextAsync("yours to decide");
        await Expect(op.GetByTestId("nav-approvals-count")).ToHaveTextAsync("1");
        await op.GetByTestId("notification-bell-button").ClickAsync();
        await Expect(op.GetByTestId("notification-approval")).ToContainTextAsync("VariantA 20 % · VariantB 80 %");
        await AppFixture.ScreenshotAsync(op, "approvals-bell.png");
        await op.Keyboard.PressAsync("Escape");
        await op.GetByTestId("pending-approval").GetByRole(AriaRole.Link, new() { Name = "pricing-ab" }).ClickAsync();
        await Expect(op).ToHaveURLAsync(new Regex("/endpoints/pricing-ab#traffic$"));
        var operatorCard = op.GetByTestId("traffic-card");
        await Expect(operatorCard.GetByTestId("pending-proposal")).ToContainTextAsync("engineer proposed");
        await Expect(operatorCard.GetByTestId("pending-reason")).ToContainTextAsync("VariantB wins the pricing test");
        await Expect(operatorCard.GetByTestId("approve-traffic")).ToBeEnabledAsync();
        await AppFixture.ScreenshotAsync(operatorCard, "traffic-pending.png");
        await operatorCard.GetByTestId("decision-note").Locator("input").FillAsync("agreed in the pricing review");
        await operatorCard.GetByTestId("approve-traffic").ClickAsync();

        // Applying while SageMaker updates the endpoint (it serves the old split meanwhile), Applied with the new split together.
        await Expect(operatorCard.GetByTestId("applying-change")).ToContainTextAsync("Applying");
        Assert.Equal(0, await operatorCard.GetByTestId("pending-proposal").CountAsync());
        await Expect(operatorCard.GetByTestId("traffic-share-VariantA")).ToHaveTextAsync("80 %");
        await AppFixture.ScreenshotAsync(operatorCard, "traffic-applying.png");
        await Expect(operatorCard.GetByTestId("traffic-decision").First).ToContainTextAsync("Applied", new() { Timeout = 90_000 });
        await Expect(operatorCard.GetByTestId("traffic-share-VariantB")).ToHaveTextAsync("80 %");
        await Expect(operatorCard.GetByTestId("traffic-share-VariantA")).ToHaveTextAsync("20 %");
        await Expect(operatorCard.GetByTestId("traffic-weight-VariantB")).ToHaveTextAsync(new Regex(@"^\s*0\.8\s*$"));
        await AppFixture.ScreenshotAsync(operatorCard, "traffic-applied.png");

        // Decided: nothing waits any more.
        await Expect(op.GetByTestId("nav-approvals-count")).ToHaveCountAsync(0);

        // The engineer's open page followed along and still offers no Approve.
        await Expect(card.GetByTestId("traffic-decision").First).ToContainTextAsync("approved by operator");
        await Expect(card.GetByTestId("traffic-share-VariantB")).ToHaveTextAsync("80 %", new() { Timeout = 30_000 });
        Assert.Equal(0, await card.GetByTestId("approve-traffic").CountAsync());
        app.AssertNoErrors(engineerErrors);
        app.AssertNoErrors(operatorErrors);
    }

    [Fact]
    public async Task Viewer_SeesTheSplitButNoTrafficButtons()
    {
        var (page, errors) = await app.OpenAsync(Path, "viewer");
        var card = page.GetByTestId("traffic-card");
        await Expect(card.GetByTestId("traffic-weights")).ToContainTextAsync("VariantA", new() { Timeout = 30_000 });

        Assert.Equal(0, await card.GetByTestId("propose-traffic").CountAsync());
        Assert.Equal(0, await card.GetByTestId("approve-traffic").CountAsync());
        app.AssertNoErrors(errors);
    }
}
