using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Outbound;

namespace Dashboard.Web.Outbound;

/// <summary>
/// The connect step of outbound HTTP clients (SocketsHttpHandler.ConnectCallback): resolves the host, checks every
/// address with the policy and connects only to those addresses, so a name that resolved outside when it was saved and
/// resolves inside now (DNS rebinding) is refused before any byte is sent.
/// </summary>
public sealed class DestinationConnector(DestinationPolicy policy, IHostResolver resolver)
{
    /// <exception cref="DestinationRefusedException">The policy refuses the host or one of its addresses.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var verdict = policy.CheckHost(endpoint.Host);
        if (verdict.Outcome == DestinationOutcome.Refused)
        {
            throw new DestinationRefusedException(verdict.Reason ?? "The destination is not allowed.");
        }
        IPAddress[] addresses = AddressClassifier.TryParseHost(verdict.Host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(verdict.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            // No address is a DNS failure, which may pass (retried), not a refusal.
            throw new SocketException((int)SocketError.HostNotFound);
        }
        verdict = policy.CheckAddresses(verdict.Host, addresses);
        if (!verdict.IsAllowed)
        {
            throw new DestinationRefusedException(verdict.Reason ?? "The destination is not allowed.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
