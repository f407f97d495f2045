using System.Net;

namespace Dashboard.Core.Outbound;

/// <summary>Resolves host names to addresses (DNS and the hosts file); a seam so tests can make a name resolve anywhere.</summary>
public interface IHostResolver
{
    /// <summary>The host's addresses; an IP address resolves to itself.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The name is unknown or DNS failed.</exception>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default);
}
