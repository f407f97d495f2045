using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Dashboard.Web.Accounts;

public static class SecurityMiddleware
{
    /// <summary>
    /// A form posted with a missing, expired or altered antiforgery token is not processed; instead of the framework's
    /// bare 400 text the person is sent to a page that says what happened and lets them try again.
    /// Must follow UseAntiforgery, which records the validation result.
    /// </summary>
    public static IApplicationBuilder UseAntiforgeryFailurePage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityMiddleware));
            logger.LogWarning("A form post to {Path} was refused: its antiforgery token is missing or invalid", context.Request.Path);
            var back = DashboardAuth.LocalOrRoot(context.Request.Path + context.Request.QueryString);
            context.Response.Redirect($"{DashboardAuth.FormRejectedPath}?returnUrl={Uri.EscapeDataString(back)}", permanent: false, preserveMethod: false);
            return;
        }
        await next(context);
    });

    /// <summary>
    /// Outside simulated mode with no account yet, every page leads to the first-run setup (static assets, the health
    /// check and the setup page itself still answer). Must follow routing, so the page an address leads to is known.
    /// </summary>
    public static IApplicationBuilder UseFirstRunSetup(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page
            && !IsAllowedBeforeSetup(page.Type)
            && await context.RequestServices.GetRequiredService<FirstRunSetup>().IsOpenAsync(context.RequestAborted))
        {
            context.Response.Redirect(DashboardAuth.SetupPath);
            return;
        }
        await next(context);
    });

    private static bool IsAllowedBeforeSetup(Type page) =>
        page == typeof(Setup) || page == typeof(FormRejected) || page == typeof(Components.Layout.Error);
}
