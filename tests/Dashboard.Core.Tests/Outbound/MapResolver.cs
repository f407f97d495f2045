using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Outbound;

namespace Dashboard.Core.Tests.Outbound;

/// <summary>Resolves the names it is given (changeable, as DNS is); any other name is unknown, as DNS says it.</summary>
internal sealed class MapResolver : IHostResolver
{
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Asked { get; } = [];

    public MapResolver Map(string host, params string[] addresses)
    {
        Names[host] = addresses.Select(IPAddress.Parse).ToArray();
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        Asked.Add(host);
        return Names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
