using Dashboard.Web.Hosting;
using Dashboard.Web.Hosting.Security;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Web.Tests.Hosting;

public sealed class ReverseProxyOptionsTests
{
    [Theory]
    [InlineData("ReverseProxy:KnownProxies:0", "10.0.1.12")]
    [InlineData("ReverseProxy:KnownProxies:0", "fd00::12")]
    [InlineData("ReverseProxy:KnownProxies:0", "::ffff:10.0.1.12")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/16")]
    [InlineData("ReverseProxy:KnownNetworks:0", "172.31.0.0/20")]
    [InlineData("ReverseProxy:KnownNetworks:0", "fd00::/8")]
    public void Check_ProxyOrNetworkWrittenOut_IsAccepted(string key, string value)
    {
        Assert.Empty(ConfigurationCheck.Run(Config((key, value)), DashboardServices.Sections));
    }

    [Theory]
    // inet_aton shorthands: IPAddress.TryParse reads these as 0.0.0.10, 10.0.0.1 and 8.0.0.1.
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("010.0.0.1")]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.0/16")]
    [InlineData("")]
    public void Check_KnownProxyNotAnAddress_NamesTheKeyAndTheValue(string value)
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("ReverseProxy:KnownProxies:0", "10.0.1.12"), ("ReverseProxy:KnownProxies:1", value)),
            DashboardServices.Sections));

        Assert.StartsWith("ReverseProxy:KnownProxies:1 must be an IP address", error);
        Assert.Contains($"(was '{value}')", error);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0/16")]
    [InlineData("10.0.0.0/sixteen")]
    [InlineData("10.0.0.0/16/8")]
    [InlineData("fd00::/129")]
    public void Check_KnownNetworkNotCidr_NamesTheKeyAndTheValue(string value)
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("ReverseProxy:KnownNetworks:0", value)), DashboardServices.Sections));

        Assert.Equal($"ReverseProxy:KnownNetworks:0 must be a network in CIDR notation such as 10.0.0.0/16 (was '{value}').", error);
    }

    [Fact]
    public void Check_KnownNetworkFromAnAddressInside_SaysWhatItWouldCover()
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("ReverseProxy:KnownNetworks:0", "10.0.3.7/16")), DashboardServices.Sections));

        Assert.StartsWith("ReverseProxy:KnownNetworks:0 must start at the network's first address: '10.0.3.7/16' covers 10.0.0.0/16", error);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    public void Check_KnownNetworkOfEveryAddress_IsRefused(string value)
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("ReverseProxy:KnownNetworks:0", value)), DashboardServices.Sections));

        Assert.StartsWith("ReverseProxy:KnownNetworks:0 would trust every address", error);
    }

    [Theory]
    [InlineData("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true")]
    [InlineData("ForwardedHeaders_Enabled", "True")]
    public void BuiltInSwitch_On_IsRefusedByName(string key, string value)
    {
        var error = Assert.Single(ReverseProxyHeaders.BuiltInSwitchErrors(Config((key, value))));

        Assert.StartsWith($"{key} is not supported", error);
        Assert.Contains("ReverseProxy:KnownProxies", error);
    }

    [Fact]
    public void BuiltInSwitch_OffOrAbsent_IsFine()
    {
        Assert.Empty(ReverseProxyHeaders.BuiltInSwitchErrors(Config(("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "false"))));
        Assert.Empty(ReverseProxyHeaders.BuiltInSwitchErrors(Config()));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
