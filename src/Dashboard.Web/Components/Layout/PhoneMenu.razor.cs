using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Approvals;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Components.Layout;

public sealed partial class PhoneMenu : IDisposable
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private PendingApprovalsFeed Feed { get; set; } = default!;

    private Actor? Actor { get; set; }

    private string RolesText => UserMenu.Roles(Actor);

    protected override async Task OnInitializedAsync()
    {
        Feed.Changed += OnChangedAsync;
        await Feed.EnsureLoadedAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        Actor = AuthenticationState is null ? null : DashboardClaims.ToActor((await AuthenticationState).User, null);
    }

    private Task OnChangedAsync() => InvokeAsync(StateHasChanged);

    public void Dispose() => Feed.Changed -= OnChangedAsync;
}
