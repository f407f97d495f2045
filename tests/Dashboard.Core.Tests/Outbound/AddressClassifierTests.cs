using System.Net;
using Dashboard.Core.Outbound;

namespace Dashboard.Core.Tests.Outbound;

public class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.0.9", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.CarrierGradeNat)]
    [InlineData("100.127.255.254", AddressKind.CarrierGradeNat)]
    [InlineData("fd00::1", AddressKind.UniqueLocal)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd00:ec2::254", AddressKind.UniqueLocal)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    public void Classify_InsideAddresses_NamedByKind(string address, AddressKind expected)
    {
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)] // IPv4-mapped
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::127.0.0.1", AddressKind.Loopback)] // IPv4-compatible
    [InlineData("::0.0.0.2", AddressKind.Unspecified)]
    [InlineData("::ffff:0:10.0.0.1", AddressKind.Private)] // SIIT
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)] // NAT64 of 169.254.169.254
    [InlineData("2002:a9fe:a9fe::1", AddressKind.LinkLocal)] // 6to4 of 169.254.169.254
    [InlineData("fe80::1%4", AddressKind.LinkLocal)]
    public void Classify_IPv6FormsCarryingIPv4_ClassifiedByTheIPv4AddressTheyLeadTo(string address, AddressKind expected)
    {
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("52.94.236.248")]
    [InlineData("172.32.0.1")] // just past 172.16/12
    [InlineData("100.128.0.1")] // just past 100.64/10
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Classify_PublicAddresses_Public(string address)
    {
        Assert.Equal(AddressKind.Public, AddressClassifier.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("169.254.169.254", "169.254.169.254, a link-local address (the cloud metadata service)")]
    [InlineData("fd00:ec2::254", "fd00:ec2::254, a unique-local (private IPv6) address (the cloud metadata service)")]
    [InlineData("169.254.170.2", "169.254.170.2, a link-local address (the container credentials service)")]
    [InlineData("::ffff:169.254.169.254", "::ffff:169.254.169.254 (IPv4 169.254.169.254), a link-local address (the cloud metadata service)")]
    [InlineData("10.1.2.3", "10.1.2.3, a private address")]
    [InlineData("127.0.0.1", "127.0.0.1, a loopback address (this machine)")]
    public void Describe_SaysTheAddressWhatItIsAndTheServiceBehindIt(string address, string expected)
    {
        Assert.Equal(expected, AddressClassifier.Describe(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("2852039166", "169.254.169.254")]
    [InlineData("0xA9FEA9FE", "169.254.169.254")]
    [InlineData("017700000001", "127.0.0.1")]
    [InlineData("0x7f.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("169.254.169.254.", "169.254.169.254")]
    [InlineData("[::1]", "::1")]
    [InlineData("fe80::1%25eth0", "fe80::1")]
    public void TryParseHost_ShorthandHexOctalAndDecoratedForms_ReadAsTheAddressTheyAre(string host, string expected)
    {
        Assert.True(AddressClassifier.TryParseHost(host, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("hooks.slack.com")]
    [InlineData("1.2.3.4.5")]
    [InlineData("08.0.0.1")]
    [InlineData("")]
    public void TryParseHost_Names_NotAddresses(string host)
    {
        Assert.False(AddressClassifier.TryParseHost(host, out _));
    }
}
