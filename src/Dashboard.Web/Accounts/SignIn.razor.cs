using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dashboard.Web.Accounts;
using Dashboard.Web.Hosting;
using Dashboard.Web.Hosting.Security;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Accounts;

public partial class SignIn
{
    private sealed record Message(Severity Severity, string Text);

    [Inject]
    private PasswordSignIn PasswordSignIn { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<AuthOptions> Auth { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Dashboard { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "signin")]
    private SignInInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    // Text, not bool: Blazor throws on "abc" for a typed query parameter, and this page must never fail.
    [SupplyParameterFromQuery(Name = "expired")]
    private string? ExpiredText { get; set; }

    [SupplyParameterFromQuery(Name = "signedOut")]
    private string? SignedOutText { get; set; }

    private bool Expired => DashboardUrls.ParseFlag(ExpiredText);

    private bool SignedOut => DashboardUrls.ParseFlag(SignedOutText);

    [SupplyParameterFromQuery]
    private string? Error { get; set; }

    private Message? Notice { get; set; }

    private bool OidcEnabled => Auth.Value.Oidc.Enabled;

    private string OidcName => Auth.Value.Oidc.DisplayName;

    private string OidcHref => $"{DashboardAuth.OidcChallengePath}?returnUrl={Uri.EscapeDataString(DashboardAuth.LocalOrRoot(ReturnUrl))}";

    private bool ShowDemoAccounts => Dashboard.Value.Mode == DashboardMode.Simulated;

    protected override void OnInitialized()
    {
        Input ??= new SignInInput();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            Notice = Error == "sso" ? new Message(Severity.Error, "Single sign-on did not complete. Try again, or ask an administrator to check the identity provider's settings.")
                : Error == "sso-name" ? new Message(Severity.Error, "Your identity provider sent no name the dashboard can record: every name it sent was blank, too long, or reserved ('system' and 'anonymous' are the audit trail's own). Ask an administrator to check the provider's user names.")
                : Expired ? new Message(Severity.Warning, "Your session has expired. Sign in again to continue.")
                : SignedOut ? new Message(Severity.Info, "You have signed out.")
                : null;
        }
    }

    private async Task SignInAsync()
    {
        var attempt = await PasswordSignIn.SignInAsync(Input.UserName, Input.Password, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        switch (attempt.Outcome)
        {
            case SignInOutcome.SignedIn:
                Navigation.NavigateTo(DashboardAuth.LocalOrRoot(ReturnUrl), forceLoad: true);
                return;
            case SignInOutcome.LockedOut:
                Notice = new Message(Severity.Error, LockedOutText(attempt.LockedOutUntil));
                break;
            default:
                Notice = new Message(Severity.Error, "The user name or password is not right. Check both and try again.");
                break;
        }
        Input.Password = "";
    }

    private string LockedOutText(DateTimeOffset? until)
    {
        var attempts = Auth.Value.Lockout.MaxFailedAttempts;
        if (until is not { } end)
        {
            return $"This account is locked after {attempts} failed sign-ins. Ask an administrator to unlock it.";
        }
        var minutes = Math.Max(1, (int)Math.Ceiling((end - Time.GetUtcNow()).TotalMinutes));
        return $"This account is locked after {attempts} failed sign-ins. Try again after {end.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC " +
            $"(in about {minutes} minute{(minutes == 1 ? "" : "s")}), or ask an administrator to unlock it.";
    }

    private sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
