using System.Globalization;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Dashboard.Web.Hosting.Security;

namespace Dashboard.Web.Accounts;

/// <summary>
/// Administrators manage local accounts. The page shows what the actor may do, but every action goes through
/// <see cref="UserAdministration"/>, which demands the permission again on the server.
/// </summary>
public partial class UsersPage
{
    private static readonly Role[] AllRoles = Enum.GetValues<Role>();

    [Inject]
    private UserAdministration Administration { get; set; } = default!;

    [Inject]
    private ICurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IOptions<AuthOptions> Auth { get; set; } = default!;

    private IReadOnlyList<UserSummary>? Users { get; set; }

    private UserChangeResult? Outcome { get; set; }

    private bool Busy { get; set; }

    private string NewUserName { get; set; } = "";

    private string NewPassword { get; set; } = "";

    private HashSet<Role> NewRoles { get; } = [Role.Viewer];

    private int MinimumLength => Auth.Value.Password.MinimumLength;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        try
        {
            Users = await Administration.ListAsync(await CurrentActor.GetAsync());
        }
        catch (AccessDeniedException e)
        {
            Users = [];
            Outcome = UserChangeResult.Refused(e.Message);
        }
    }

    private static void Toggle(HashSet<Role> roles, Role role, bool on)
    {
        if (on)
        {
            roles.Add(role);
        }
        else
        {
            roles.Remove(role);
        }
    }

    private async Task CreateAsync()
    {
        var outcome = await RunAsync(actor => Administration.CreateAsync(actor, NewUserName, NewPassword, NewRoles.ToHashSet()));
        if (outcome.Succeeded)
        {
            NewUserName = NewPassword = "";
        }
    }

    private Task SetRoleAsync(UserSummary user, Role role, bool on)
    {
        var roles = user.Roles.ToHashSet();
        Toggle(roles, role, on);
        return RunAsync(actor => Administration.SetRolesAsync(actor, user.UserName, roles));
    }

    private Task UnlockAsync(UserSummary user) => RunAsync(actor => Administration.UnlockAsync(actor, user.UserName));

    private async Task DeleteAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete user", $"Delete {user.UserName}? They can no longer sign in; the audit trail keeps what they did.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(actor => Administration.DeleteAsync(actor, user.UserName));
        }
    }

    private async Task<UserChangeResult> RunAsync(Func<Actor, Task<UserChangeResult>> change)
    {
        Busy = true;
        try
        {
            Outcome = await change(await CurrentActor.GetAsync());
        }
        catch (AccessDeniedException e)
        {
            Outcome = UserChangeResult.Refused(e.Message);
        }
        finally
        {
            Busy = false;
        }
        await ReloadAsync();
        return Outcome;
    }

    /// <summary>The last refusal's message for a field of the "Add a user" form.</summary>
    private string? ErrorOf(string field) => Outcome?.ErrorOf(field);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
