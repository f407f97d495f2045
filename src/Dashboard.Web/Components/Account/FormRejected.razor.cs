using Dashboard.Web.Hosting.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Account;

public partial class FormRejected
{
    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string Back => DashboardAuth.LocalOrRoot(ReturnUrl);
}
