using Dashboard.Web.Hosting.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Accounts;

/// <summary>Sends the browser to the sign-in page (a full load, so the cookie is checked again), back here afterwards.</summary>
public partial class RedirectToSignIn
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        var back = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"{DashboardAuth.SignInPath}?returnUrl={Uri.EscapeDataString(back)}&expired=true", forceLoad: true);
    }
}
