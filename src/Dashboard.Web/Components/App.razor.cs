using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Web.Components;

public partial class App
{
    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    // Every page is interactive except the account pages ([ExcludeFromInteractiveRouting]): sign-in and setup are
    // plain server-rendered forms, because a cookie can only be set on a real HTTP response.
    private IComponentRenderMode? PageRenderMode => HttpContext.AcceptsInteractiveRouting() ? RenderMode.InteractiveServer : null;
}
