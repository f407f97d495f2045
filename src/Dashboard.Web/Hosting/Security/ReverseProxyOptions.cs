using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting.Security;

/// <summary>
/// Configuration section "ReverseProxy": the proxies (nginx, a load balancer) that terminate TLS in front of the
/// dashboard. Only a request that arrives from one of them may say, in X-Forwarded-For and X-Forwarded-Proto, which
/// client it carries and whether that client came over HTTPS. With neither list set those headers are ignored.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>The proxies' own addresses as the dashboard sees them, e.g. 10.0.1.12 or 127.0.0.1 for nginx on this host.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation (an AWS ALB's subnets: its addresses change), e.g. 10.0.0.0/16.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>
    /// An IP address written out in full. IPAddress.TryParse alone also takes "10" (0.0.0.10) and "10.1" (10.0.0.1),
    /// old inet_aton shorthands that would quietly trust some other machine than the one meant.
    /// </summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text.Trim(), out var parsed))
        {
            return false;
        }
        if (parsed.AddressFamily == AddressFamily.InterNetwork && parsed.ToString() != text.Trim())
        {
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>A network as address/prefix length, e.g. 10.0.0.0/16 or fd00::/8.</summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        var parts = text?.Trim().Split('/') ?? [];
        return parts.Length == 2
            && TryParseAddress(parts[0], out _)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && IPNetwork.TryParse(text!.Trim(), out network);
    }
}

public sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!ReverseProxyOptions.TryParseAddress(options.KnownProxies[i], out _))
            {
                errors.Add($"{ReverseProxyOptions.Section}:KnownProxies:{i} must be an IP address such as 10.0.1.12 or fd00::12 "
                    + $"(was '{options.KnownProxies[i]}'); a network goes in {ReverseProxyOptions.Section}:KnownNetworks.");
            }
        }
        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            var key = $"{ReverseProxyOptions.Section}:KnownNetworks:{i}";
            var text = options.KnownNetworks[i];
            if (!ReverseProxyOptions.TryParseNetwork(text, out var network))
            {
                errors.Add($"{key} must be a network in CIDR notation such as 10.0.0.0/16 (was '{text}').");
            }
            else if (!network.BaseAddress.Equals(IPAddress.Parse(text.Trim().Split('/')[0])))
            {
                // 10.0.3.7/16 is read as 10.0.0.0/16: most likely a proxy's address with a stray prefix, and trusting its
                // whole network is more than was meant. Asking for the network's first address makes the reach plain.
                errors.Add($"{key} must start at the network's first address: '{text}' covers {network}; write {network} "
                    + $"for the whole network, or the address alone in {ReverseProxyOptions.Section}:KnownProxies.");
            }
            else if (network.PrefixLength == 0)
            {
                // Trusting every address is trusting every client to write its own address into the audit trail.
                errors.Add($"{key} would trust every address (was '{text}'); name the proxy's own subnet.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
