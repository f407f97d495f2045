using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dashboard.Web.Hosting.Security;

/// <summary>
/// Behind a TLS-terminating proxy the dashboard sees the proxy's address and plain http. A request from a proxy named
/// in <see cref="ReverseProxyOptions"/> gets the client address of X-Forwarded-For and the scheme of X-Forwarded-Proto,
/// so session cookies are Secure, HSTS is sent, the OpenID Connect redirect URI is https and the audit trail records
/// the person's address. The same headers from anyone else are left alone.
/// </summary>
public static class ReverseProxyHeaders
{
    /// <summary>
    /// First in the pipeline: every decision after it (HTTPS and HSTS, cookies, OIDC, antiforgery, audit addresses)
    /// must see the original client and scheme. Does nothing when no proxy is named.
    /// </summary>
    public static IApplicationBuilder UseReverseProxyHeaders(this IApplicationBuilder app, ReverseProxyOptions proxy)
    {
        if (!proxy.Enabled)
        {
            return app;
        }
        // Not X-Forwarded-Host: nginx and load balancers pass the Host header through, and nginx passes a client's own
        // X-Forwarded-Host along untouched, which would let the client choose the host of links and the redirect URI.
        // ForwardLimit stays 1: the entry the proxy itself appended; the ones before it are whatever the client sent.
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The framework trusts loopback out of the box; here only the proxies in the configuration do.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(address.Trim()));
        }
        foreach (var network in proxy.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
        }
        return app.UseForwardedHeaders(options);
    }

    /// <summary>
    /// ASP.NET Core's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED, read as ForwardedHeaders_Enabled) trusts the
    /// headers from every client. The unprefixed key would take effect through the framework's startup filter, and the
    /// prefixed environment variable would not (this app reads its configuration from its own sources), so both are
    /// refused by name instead of trusting everyone or silently doing nothing.
    /// </summary>
    public static IEnumerable<string> BuiltInSwitchErrors(IConfiguration configuration)
    {
        foreach (var key in new[] { "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ForwardedHeaders_Enabled" })
        {
            if (string.Equals(configuration[key], "true", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{key} is not supported: it trusts X-Forwarded-For and X-Forwarded-Proto from any client, so anyone who "
                    + "reaches the dashboard without going through the proxy could choose the address the audit trail records. "
                    + $"Name the proxy in {ReverseProxyOptions.Section}:KnownProxies (its IP addresses) or "
                    + $"{ReverseProxyOptions.Section}:KnownNetworks (CIDR, e.g. 10.0.0.0/16) instead.";
            }
        }
    }
}
