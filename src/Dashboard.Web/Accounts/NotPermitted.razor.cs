using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Accounts;

public partial class NotPermitted
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private string RolesText { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        var roles = AuthenticationState is null ? new HashSet<Dashboard.Core.Security.Role>() : DashboardClaims.RolesOf((await AuthenticationState).User);
        RolesText = roles.Count == 0 ? "none" : string.Join(", ", roles.Order());
    }
}
