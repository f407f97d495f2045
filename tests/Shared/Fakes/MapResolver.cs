using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Outbound;

namespace Dashboard.Tests.Shared;

/// <summary>Resolves the names it is given (changeable, as DNS is); any other name is unknown, as DNS says it.</summary>
internal sealed class MapResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name asked for, in order (the sender resolves on its own threads).</summary>
    public ConcurrentQueue<string> Asked { get; } = [];

    public MapResolver Map(string host, params string[] addresses)
    {
        _names[host] = addresses.Select(IPAddress.Parse).ToArray();
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        Asked.Enqueue(host);
        return _names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
