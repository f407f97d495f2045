using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Outbound;

/// <summary>
/// Destinations an administrator lets outbound requests reach although they are inside: host names (matched whole,
/// ignoring case: the name may then resolve to anything), IP addresses, and networks in CIDR notation.
/// </summary>
public sealed class DestinationAllowList
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _networks = [];

    /// <param name="entries">Entries as configured; ones that do not parse are left out (the options validator reports them).</param>
    /// <param name="key">The configuration key the entries come from, named in refusals so people know where to allow.</param>
    public DestinationAllowList(IEnumerable<string>? entries, string key)
    {
        Key = key;
        foreach (var entry in entries ?? [])
        {
            if (Problem(entry) is not null)
            {
                continue;
            }
            var text = entry.Trim();
            if (TryParseNetwork(text, out var network))
            {
                _networks.Add(network);
            }
            else if (TryParseAddress(text, out var address))
            {
                address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                _networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                _names.Add(text.TrimEnd('.'));
            }
        }
    }

    public static DestinationAllowList Empty(string key) => new([], key);

    public string Key { get; }

    public bool AllowsName(string host) => _names.Contains(host.Trim().TrimEnd('.'));

    /// <summary>An IPv4-mapped IPv6 address matches the IPv4 entries too.</summary>
    public bool AllowsAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());
        return _networks.Exists(n => n.BaseAddress.AddressFamily == plain.AddressFamily && n.Contains(plain));
    }

    /// <summary>What is wrong with one entry, in words (for "key:index must be …"), or null when it is fine.</summary>
    public static string? Problem(string? entry)
    {
        var text = entry?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "must not be empty";
        }
        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (!TryParseNetwork(text, out var network))
            {
                return "must be a host name, an IP address written in full, or a network in CIDR notation such as 10.0.0.0/8";
            }
            if (!network.BaseAddress.Equals(IPAddress.Parse(text.Split('/')[0])))
            {
                // 10.0.3.7/16 would be read as 10.0.0.0/16: more than was most likely meant.
                return $"must start at the network's first address: it covers {network}; write {network}, or the address alone";
            }
            if (network.PrefixLength == 0)
            {
                return "would allow every address; list the networks the destinations are in";
            }
            return null;
        }
        if (TryParseAddress(text, out _))
        {
            return null;
        }
        // Shorthands such as 10.1 or 2852039166 parse as addresses, but other people reading the list would not see which.
        if (AddressClassifier.TryParseHost(text, out var shorthand))
        {
            return $"must be an IP address written in full: it reads as {shorthand}";
        }
        if (Uri.CheckHostName(text.TrimEnd('.')) != UriHostNameType.Dns)
        {
            return "must be a host name, an IP address written in full, or a network in CIDR notation such as 10.0.0.0/8";
        }
        return null;
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!IPAddress.TryParse(text, out var parsed)
            || (parsed.AddressFamily == AddressFamily.InterNetwork && parsed.ToString() != text)
            || (parsed.AddressFamily == AddressFamily.InterNetworkV6 && parsed.ScopeId != 0))
        {
            return false;
        }
        address = parsed;
        return true;
    }

    private static bool TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        var parts = text.Split('/');
        return parts.Length == 2
            && TryParseAddress(parts[0], out _)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && IPNetwork.TryParse(text, out network);
    }
}
