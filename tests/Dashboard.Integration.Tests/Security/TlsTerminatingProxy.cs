using System.Net;

namespace Dashboard.Integration.Tests.Security;

/// <summary>
/// A browser talking https to a public host name, and the TLS-terminating proxy in front of the dashboard: the browser
/// keeps cookies for the https address (so Secure cookies come back, as they would in a real browser), and the proxy
/// passes each request on over plain http with the public Host, X-Forwarded-Proto: https and the client's address in
/// X-Forwarded-For.
/// </summary>
public sealed class TlsTerminatingProxy(Uri dashboard, string publicHost, string forwardedFor)
    : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly CookieContainer _browserCookies = new();

    public Uri PublicAddress { get; } = new($"https://{publicHost}/");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var browserAddress = request.RequestUri!;
        var cookies = _browserCookies.GetCookieHeader(browserAddress);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }
        request.RequestUri = new Uri(dashboard, browserAddress.PathAndQuery);
        request.Headers.Host = publicHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", forwardedFor);

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                _browserCookies.SetCookies(browserAddress, cookie);
            }
        }
        return response;
    }
}
