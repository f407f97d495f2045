using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Accounts;

/// <summary>The app bar's right end: who is signed in, with which roles, the Users link for administrators, sign-out.</summary>
public partial class UserMenu
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private Actor? Actor { get; set; }

    private string RolesText => Roles(Actor);

    /// <summary>"Engineer · Operator", or "no role": how the app bar and the phone menu name someone's roles.</summary>
    internal static string Roles(Actor? actor) => actor is null || actor.Roles.Count == 0 ? "no role" : string.Join(" · ", actor.Roles.Order());

    protected override async Task OnParametersSetAsync()
    {
        Actor = AuthenticationState is null ? null : DashboardClaims.ToActor((await AuthenticationState).User, null);
    }
}
