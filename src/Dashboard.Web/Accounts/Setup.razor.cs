using System.ComponentModel.DataAnnotations;
using Dashboard.Web.Accounts;
using Dashboard.Web.Hosting.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Accounts;

public partial class Setup
{
    [Inject]
    private FirstRunSetup FirstRun { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<AuthOptions> Auth { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "setup")]
    private SetupInput Input { get; set; } = default!;

    private string? Problem { get; set; }

    /// <summary>The refused attempt, whose field errors show under their fields.</summary>
    private UserChangeResult? Refusal { get; set; }

    private int MinimumLength => Auth.Value.Password.MinimumLength;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new SetupInput();
        // Reachable only while no account exists, and never in simulated mode (its demo accounts exist from the start).
        if (!await FirstRun.IsOpenAsync(HttpContext.RequestAborted))
        {
            Navigation.NavigateTo(DashboardAuth.SignInPath, forceLoad: true);
        }
    }

    private async Task CreateAsync()
    {
        var result = await FirstRun.CreateAdministratorAsync(Input.UserName, Input.Password,
            DashboardClaims.Format(HttpContext.Connection.RemoteIpAddress), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Navigation.NavigateTo($"{DashboardAuth.SignInPath}?returnUrl=%2F", forceLoad: true);
            return;
        }
        Problem = result.Message;
        Refusal = result;
        Input.Password = Input.ConfirmPassword = "";
    }

    private sealed class SetupInput
    {
        [Required(ErrorMessage = "Enter a user name.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter a password.")]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
