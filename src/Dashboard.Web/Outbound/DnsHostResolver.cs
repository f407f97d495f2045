using System.Net;
using Dashboard.Core.Outbound;

namespace Dashboard.Web.Outbound;

/// <summary>The operating system's resolver (hosts file, then DNS), as HttpClient itself would use it.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
