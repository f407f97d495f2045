using System.Net.Sockets;

namespace Dashboard.Core.Outbound;

/// <summary>
/// The policy applied to a URL as it is saved or enabled: a name is resolved and every address it has now is checked.
/// Names can change what they resolve to, so senders check again on the address they connect to.
/// </summary>
public sealed class DestinationCheck(DestinationPolicy policy, IHostResolver resolver, TimeProvider timeProvider)
{
    /// <summary>How long resolving may take before the URL is refused as unresolvable (someone is waiting at the form).</summary>
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public async Task<DestinationVerdict> CheckAsync(string? url, CancellationToken cancellationToken = default)
    {
        var verdict = policy.CheckUrl(url);
        if (verdict.Outcome != DestinationOutcome.Resolve)
        {
            return verdict;
        }
        using var timeout = new CancellationTokenSource(ResolveTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return policy.CheckAddresses(verdict.Host, await resolver.ResolveAsync(verdict.Host, linked.Token));
        }
        catch (SocketException)
        {
            return policy.CheckAddresses(verdict.Host, []);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return verdict with
            {
                Outcome = DestinationOutcome.Refused,
                Reason = $"{verdict.Host} could not be resolved within {ResolveTimeout.TotalSeconds:0} s; check the host name, or try again if DNS is slow.",
            };
        }
    }
}
