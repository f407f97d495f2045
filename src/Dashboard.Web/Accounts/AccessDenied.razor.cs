using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Accounts;

public partial class AccessDenied
{
    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    private string Explanation
    {
        get
        {
            var user = HttpContext.User;
            if (user.Identity?.IsAuthenticated != true)
            {
                return "This page needs a signed-in user with the right role.";
            }
            var roles = DashboardClaims.RolesOf(user);
            var held = roles.Count == 0 ? "no role" : "the role " + string.Join(", ", roles.Order());
            return $"You are signed in as {user.Identity.Name} with {held}, which does not allow this page. An administrator can change your roles.";
        }
    }
}
