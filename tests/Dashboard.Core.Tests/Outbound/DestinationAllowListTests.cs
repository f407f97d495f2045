using System.Net;
using Dashboard.Core.Outbound;

namespace Dashboard.Core.Tests.Outbound;

public class DestinationAllowListTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.0/8")]
    [InlineData("fd00::/8")]
    [InlineData("hooks.internal")]
    [InlineData("localhost")]
    [InlineData(" 192.168.0.0/16 ")]
    public void Problem_HostNamesAddressesAndNetworks_None(string entry)
    {
        Assert.Null(DestinationAllowList.Problem(entry));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("10.0.3.7/16", "must start at the network's first address: it covers 10.0.0.0/16; write 10.0.0.0/16, or the address alone")]
    [InlineData("0.0.0.0/0", "would allow every address; list the networks the destinations are in")]
    [InlineData("::/0", "would allow every address; list the networks the destinations are in")]
    [InlineData("10.0.0.0/33", "must be a host name, an IP address written in full, or a network in CIDR notation such as 10.0.0.0/8")]
    [InlineData("2852039166", "must be an IP address written in full: it reads as 169.254.169.254")]
    [InlineData("10.1", "must be an IP address written in full: it reads as 10.0.0.1")]
    [InlineData("http://hooks.internal/", "must be a host name, an IP address written in full, or a network in CIDR notation such as 10.0.0.0/8")]
    [InlineData("hooks internal", "must be a host name, an IP address written in full, or a network in CIDR notation such as 10.0.0.0/8")]
    public void Problem_BadEntries_SaidInWords(string entry, string expected)
    {
        Assert.Equal(expected, DestinationAllowList.Problem(entry));
    }

    [Fact]
    public void AllowsAddress_IPv4EntryMatchesTheMappedIPv6FormAndTheReverse()
    {
        var list = new DestinationAllowList(["127.0.0.1", "::ffff:10.0.0.9"], "K");

        Assert.True(list.AllowsAddress(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(list.AllowsAddress(IPAddress.Parse("10.0.0.9")));
        Assert.False(list.AllowsAddress(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public void AllowsName_WholeNameIgnoringCaseAndTrailingDot_NotSuffixes()
    {
        var list = new DestinationAllowList(["hooks.internal"], "K");

        Assert.True(list.AllowsName("HOOKS.internal."));
        Assert.False(list.AllowsName("evil.hooks.internal"));
        Assert.False(list.AllowsName("internal"));
    }

    [Fact]
    public void Constructor_BadEntries_LeftOutRatherThanWidened()
    {
        var list = new DestinationAllowList(["0.0.0.0/0", "10.0.3.7/16", "2852039166"], "K");

        Assert.False(list.AllowsAddress(IPAddress.Parse("10.0.0.1")));
        Assert.False(list.AllowsAddress(IPAddress.Parse("169.254.169.254")));
        Assert.False(list.AllowsName("2852039166"));
    }
}
