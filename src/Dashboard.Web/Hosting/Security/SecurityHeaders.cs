using System.Security.Cryptography;

namespace Dashboard.Web.Hosting.Security;

/// <summary>
/// Headers on every answer: a Content-Security-Policy that lets Blazor Server, MudBlazor and the chart modules run
/// and nothing else, no framing, no MIME sniffing, no referrer. The only inline script Blazor writes is the import
/// map, which carries a per-request nonce (see App.razor); MudBlazor and ApexCharts set inline styles.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "dashboard.csp-nonce";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce, context.Request.Host.Value);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>The nonce of this request's CSP, for the import map's inline script.</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceKey] as string;

    public static string ContentSecurityPolicy(string nonce, string? host)
    {
        // CSP3 browsers count same-origin ws:/wss: as 'self'; they are named too for older ones (the circuit's socket).
        var sockets = string.IsNullOrEmpty(host) ? "" : $" ws://{host} wss://{host}";
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            $"connect-src 'self'{sockets}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }
}
