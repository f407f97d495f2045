using Bunit;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Hosting.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Accounts;

/// <summary>The Users page over the real accounts (Identity on a temp database), signed in as an administrator.</summary>
public sealed class UsersPageTests() : StorageTestContext(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero), services =>
{
    services.AddSingleton(Options.Create(new AuthOptions()));
    services.AddDashboardAccounts(new AuthOptions());
})
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new AccountSeeder(Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AccountSeeder>.Instance).SeedAsync(simulated: true, Ct);
        SignInAs("admin", Role.Admin);
    }

    [Theory]
    [InlineData("system", "too close to 'system', the audit trail's name for the dashboard itself")]
    [InlineData("ѕystem", "too close to 'system'")]
    [InlineData("..", "starting with a letter or digit")]
    [InlineData("a/b", "letters a–z or A–Z, digits and -._@+")]
    public async Task Create_BadName_SaidAtTheUserNameFieldAndNothingStored(string name, string expected)
    {
        var cut = Render<UsersPage>();

        cut.WaitForElement("input[data-testid=new-username]").Change(name);
        cut.Find("input[data-testid=new-password]").Change("correct horse battery");
        cut.Find("[data-testid=create-user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains(expected, FieldError(cut, "new-username")));
        Assert.Null(FieldError(cut, "new-password"));
        Assert.Empty(cut.FindAll("[data-testid=users-message]"));
        Assert.Equal(4, await ScalarAsync("SELECT count(*) FROM AspNetUsers"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task Create_LongNameAndPassword_EachSaidAtItsField()
    {
        var cut = Render<UsersPage>();

        cut.WaitForElement("input[data-testid=new-username]").Change(new string('a', 300));
        cut.Find("input[data-testid=new-password]").Change(string.Concat(Enumerable.Repeat("word", 50)));
        cut.Find("[data-testid=create-user-submit]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("This name has 300 characters.", FieldError(cut, "new-username")));
        Assert.Equal("A password has 12 to 128 characters; this one has 200.", FieldError(cut, "new-password"));
        Assert.Equal(4, await ScalarAsync("SELECT count(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task Create_GoodName_CreatedAndTheFieldsClear()
    {
        var cut = Render<UsersPage>();

        cut.WaitForElement("input[data-testid=new-username]").Change("dana");
        cut.Find("input[data-testid=new-password]").Change("correct horse battery");
        cut.Find("[data-testid=create-user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Created dana (Viewer).", cut.Find("[data-testid=users-message]").TextContent));
        Assert.Null(FieldError(cut, "new-username"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM AspNetUsers WHERE UserName = 'dana'"));
    }

    /// <summary>The error text MudBlazor shows under the field whose input carries <paramref name="testId"/>, or null.</summary>
    private static string? FieldError(IRenderedComponent<UsersPage> cut, string testId)
    {
        var control = cut.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!;
        return control.QuerySelector(".mud-input-error") is null ? null : control.QuerySelector(".mud-input-helper-text")?.TextContent.Trim();
    }
}
