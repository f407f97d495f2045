using System.Net;

namespace Dashboard.Core.Outbound;

public enum DestinationOutcome
{
    Allowed,
    Refused,

    /// <summary>The host is a name: its addresses decide (<see cref="DestinationPolicy.CheckAddresses"/>).</summary>
    Resolve,
}

/// <summary>What the policy says about a destination; <paramref name="Reason"/> (for a refusal) is plain words, safe to show.</summary>
public sealed record DestinationVerdict(DestinationOutcome Outcome, string Host, string? Reason = null)
{
    public bool IsAllowed => Outcome == DestinationOutcome.Allowed;
}

/// <summary>
/// Where server-side requests (webhooks; later reports and e-mail) may go: http and https only, and only to public
/// addresses, unless the allow-list names the host or the address. Pure: resolving names is the caller's part, at save
/// time (<see cref="DestinationCheck"/>) and again on the address actually connected to.
/// </summary>
public sealed class DestinationPolicy(DestinationAllowList allowList)
{
    public DestinationAllowList AllowList { get; } = allowList;

    /// <summary>
    /// The URL's scheme and host: an IP address (in any form the URI parser or a resolver accepts), a localhost name or
    /// an allow-listed name is decided at once; any other name needs resolving.
    /// </summary>
    public DestinationVerdict CheckUrl(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.IdnHost.Length == 0)
        {
            return new(DestinationOutcome.Refused, "", "Enter an absolute http:// or https:// URL.");
        }
        if (uri.Scheme is not ("http" or "https"))
        {
            return new(DestinationOutcome.Refused, uri.IdnHost, "Only http:// and https:// destinations are allowed.");
        }
        return CheckHost(uri.IdnHost);
    }

    /// <summary>A host as written in a URL (the IDN form, which is what is resolved), before any DNS.</summary>
    public DestinationVerdict CheckHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = Bare(host);
        if (AllowList.AllowsName(host))
        {
            return new(DestinationOutcome.Allowed, host);
        }
        if (IsLocalhostName(host))
        {
            var name = host.TrimEnd('.');
            return new(DestinationOutcome.Refused, host,
                $"{name} is a name for this machine (loopback); add {name} to {AllowList.Key} to allow it.");
        }
        return AddressClassifier.TryParseHost(host, out var address)
            ? CheckAddresses(host, [address])
            : new(DestinationOutcome.Resolve, host);
    }

    /// <summary>The host's addresses as resolved: every one must be public or allow-listed (a name with one inside address is refused).</summary>
    public DestinationVerdict CheckAddresses(string host, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(addresses);
        host = Bare(host);
        if (AllowList.AllowsName(host))
        {
            return new(DestinationOutcome.Allowed, host);
        }
        if (IsLocalhostName(host))
        {
            return CheckHost(host);
        }
        if (addresses.Count == 0)
        {
            return new(DestinationOutcome.Refused, host, $"{host} could not be resolved with DNS; check the host name.");
        }
        var literal = AddressClassifier.TryParseHost(host, out _);
        foreach (var address in addresses)
        {
            if (AllowList.AllowsAddress(address) || AddressClassifier.Classify(address) == AddressKind.Public)
            {
                continue;
            }
            var shown = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
            var reason = literal
                ? $"The URL points at {AddressClassifier.Describe(address)}; add {shown} to {AllowList.Key} to allow it."
                : $"{host} resolves to {AddressClassifier.Describe(address)}; add {host} or {shown} to {AllowList.Key} to allow it.";
            return new(DestinationOutcome.Refused, host, reason);
        }
        return new(DestinationOutcome.Allowed, host);
    }

    /// <summary>"localhost" and any name under .localhost (RFC 6761: always this machine), with or without a trailing dot.</summary>
    public static bool IsLocalhostName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim().TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static string Bare(string host)
    {
        var text = host.Trim();
        return text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
    }
}
