using Dashboard.Web.Hosting.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Accounts;

public partial class FormRejected
{
    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string Back => DashboardAuth.LocalOrRoot(ReturnUrl);
}
