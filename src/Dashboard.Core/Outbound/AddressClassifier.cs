using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Outbound;

/// <summary>Where an address leads, as far as a server-side request is concerned: only <see cref="Public"/> is outside.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Unspecified,
    LinkLocal,
    Private,
    CarrierGradeNat,
    UniqueLocal,
    Multicast,
    Broadcast,
    Reserved,
}

/// <summary>
/// Classifies IP addresses for outbound requests. IPv6 forms that carry an IPv4 address (mapped, compatible, SIIT,
/// NAT64, 6to4) are classified by the IPv4 address they lead to.
/// </summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Network, AddressKind Kind)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.CarrierGradeNat),
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), AddressKind.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved),
        (IPNetwork.Parse("::/128"), AddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressKind.Private), // site-local, deprecated but still routed by some stacks
        (IPNetwork.Parse("fc00::/7"), AddressKind.UniqueLocal),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
        (IPNetwork.Parse("100::/64"), AddressKind.Reserved),
    ];

    // Credentials live behind these: an instance's role (IMDS; 100.100.100.200 on Alibaba Cloud) and a container's task
    // role (ECS, EKS Pod Identity).
    private static readonly Dictionary<IPAddress, string> Services = new()
    {
        [IPAddress.Parse("169.254.169.254")] = "the cloud metadata service",
        [IPAddress.Parse("fd00:ec2::254")] = "the cloud metadata service",
        [IPAddress.Parse("100.100.100.200")] = "the cloud metadata service",
        [IPAddress.Parse("169.254.170.2")] = "the container credentials service",
        [IPAddress.Parse("169.254.170.23")] = "the container credentials service",
        [IPAddress.Parse("fd00:ec2::23")] = "the container credentials service",
    };

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (EmbeddedIPv4(address) is { } inner)
        {
            return Classify(inner);
        }
        var plain = WithoutScope(address);
        foreach (var (network, kind) in Ranges)
        {
            if (network.BaseAddress.AddressFamily == plain.AddressFamily && network.Contains(plain))
            {
                return kind;
            }
        }
        return AddressKind.Public;
    }

    /// <summary>
    /// The address and what it is in words, e.g. "169.254.169.254, a link-local address (the cloud metadata service)";
    /// an IPv6 form of an IPv4 address names both.
    /// </summary>
    public static string Describe(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = WithoutScope(address);
        var inner = EmbeddedIPv4(plain);
        var target = inner ?? plain;
        var service = Services.TryGetValue(target, out var name) ? $" ({name})" : "";
        var written = inner is null ? plain.ToString() : $"{plain} (IPv4 {inner})";
        return $"{written}, {Words(Classify(target))}{service}";
    }

    public static string Words(AddressKind kind) => kind switch
    {
        AddressKind.Loopback => "a loopback address (this machine)",
        AddressKind.Unspecified => "an unspecified address (it reaches this machine)",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.Private => "a private address",
        AddressKind.CarrierGradeNat => "a carrier-grade NAT address",
        AddressKind.UniqueLocal => "a unique-local (private IPv6) address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Broadcast => "the broadcast address",
        AddressKind.Reserved => "a reserved address",
        _ => "a public address",
    };

    /// <summary>
    /// A host as a URL or a resolver may read it, as an address: brackets, a zone and one trailing dot are ignored, and
    /// IPv4 written as one integer or with hex or octal parts (2852039166, 0xA9FEA9FE, 017700000001, 127.1) is read as
    /// inet_aton reads it, because the resolver connects to exactly that.
    /// </summary>
    public static bool TryParseHost(string? host, out IPAddress address)
    {
        address = IPAddress.None;
        var text = host?.Trim() ?? "";
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }
        var zone = text.IndexOf('%', StringComparison.Ordinal);
        if (zone > 0 && text.Contains(':', StringComparison.Ordinal))
        {
            text = text[..zone];
        }
        if (text.Length == 0 || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>The IPv4 address an IPv6 address leads to, or null when it carries none.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        var bytes = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var firstEightZero = bytes.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0;
        // ::a.b.c.d (IPv4-compatible, deprecated) but not :: or ::1 themselves, and ::ffff:0:a.b.c.d (SIIT).
        var compatible = firstEightZero && bytes.AsSpan(8, 4).IndexOfAnyExcept((byte)0) < 0
            && !IPAddress.IPv6Any.Equals(address) && !IPAddress.IPv6Loopback.Equals(address);
        var translated = firstEightZero && bytes[8] == 0xff && bytes[9] == 0xff && bytes[10] == 0 && bytes[11] == 0;
        var plain = WithoutScope(address);
        if (compatible || translated || Nat64.Contains(plain))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        if (SixToFour.Contains(plain))
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }
        return null;
    }

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
}
