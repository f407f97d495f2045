using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>Signing in as each demo role, bad passwords, signing out, and the administrator's Users page.</summary>
[Collection(AppCollection.Name)]
public sealed class SignInJourneyTests(AppFixture app)
{
    [Theory]
    [InlineData("viewer", "Viewer", false)]
    [InlineData("engineer", "Engineer", false)]
    [InlineData("operator", "Operator", false)]
    [InlineData("admin", "Admin", true)]
    public async Task SignIn_EachDemoRole_ShowsWhoIsSignedInAndOnlyTheirLinks(string user, string role, bool managesUsers)
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/connection");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin\\?ReturnUrl=%2Fconnection"));

        await AppFixture.SubmitSignInAsync(page, user, AppFixture.DemoPasswords[user]);

        await Expect(page).ToHaveURLAsync(new Regex("/connection$"), new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(user);
        await Expect(page.GetByTestId("signed-in-roles")).ToHaveTextAsync(role);
        await Expect(page.GetByTestId("nav-users")).ToHaveCountAsync(managesUsers ? 1 : 0);
        await Expect(page.GetByTestId("signout")).ToBeVisibleAsync();

        await page.GotoAsync(app.BaseUrl + "/admin/users");
        if (managesUsers)
        {
            await Expect(page.GetByTestId("users-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        else
        {
            await Expect(page).ToHaveURLAsync(new Regex("/account/denied"));
            await Expect(page.GetByText($"You are signed in as {user} with the role {role}")).ToBeVisibleAsync();
        }
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndStaysOnTheSignInPage()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await Expect(page.GetByTestId("demo-accounts")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "signin.png");

        await AppFixture.SubmitSignInAsync(page, "viewer", "not-my-password");

        await Expect(page.GetByTestId("signin-message")).ToHaveTextAsync("The user name or password is not right. Check both and try again.");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await Expect(page.GetByTestId("password")).ToHaveValueAsync("");
        await AppFixture.ScreenshotAsync(page, "signin-wrong-password.png");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAndSaysSo()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/account/signin");
        await AppFixture.SubmitSignInAsync(page, "engineer", AppFixture.DemoPasswords["engineer"]);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await page.GetByTestId("signout").ClickAsync();

        await Expect(page.GetByTestId("signin-message")).ToHaveTextAsync("You have signed out.", new() { Timeout = 30_000 });
        await page.GotoAsync(app.BaseUrl + "/connection");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await Expect(page.GetByTestId("signin-message")).ToHaveCountAsync(0);
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task UsersPage_Admin_CreatesAUserWhoCanSignIn()
    {
        var (page, errors) = await app.OpenAsync("/admin/users", "admin");
        await Expect(page.GetByTestId("user-row-viewer")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Input(page, "new-username").FillAsync("dana");
        await Input(page, "new-password").FillAsync("dana's long passphrase");
        await Input(page, "new-role-Engineer").CheckAsync();
        await page.GetByTestId("create-user-submit").ClickAsync();

        await Expect(page.GetByTestId("users-message")).ToContainTextAsync("Created dana (Viewer, Engineer).");
        await Expect(page.GetByTestId("user-row-dana")).ToBeVisibleAsync();
        await Expect(Input(page, "role-dana-Engineer")).ToBeCheckedAsync();
        await Expect(Input(page, "role-dana-Admin")).Not.ToBeCheckedAsync();
        await AppFixture.ScreenshotAsync(page, "users.png");

        var (other, otherErrors) = await app.NewPageAsync();
        await other.GotoAsync(app.BaseUrl + "/account/signin");
        await AppFixture.SubmitSignInAsync(other, "dana", "dana's long passphrase");
        await Expect(other.GetByTestId("signed-in-roles")).ToHaveTextAsync("Viewer · Engineer", new() { Timeout = 30_000 });
        app.AssertNoErrors(errors);
        app.AssertNoErrors(otherErrors);
    }

    /// <summary>The input of a MudBlazor field, whether the test id lands on the input itself or on its wrapper.</summary>
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;
}
