using System.Net;
using Dashboard.Core.Outbound;
using Dashboard.Tests.Shared;

namespace Dashboard.Core.Tests.Outbound;

public class DestinationPolicyTests
{
    private const string Key = "Notifications:AllowedDestinations";

    public static TheoryData<string> PrivateDestinations => new(BadInput.PrivateDestinations);

    [Theory]
    [MemberData(nameof(PrivateDestinations))]
    public void CheckUrl_EveryPrivateDestinationInTheCorpus_RefusedBeforeAnyLookup(string url)
    {
        var verdict = Policy().CheckUrl(url);

        Assert.Equal(DestinationOutcome.Refused, verdict.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }

    [Theory]
    [InlineData("http://8.8.8.8/hook")]
    [InlineData("https://52.94.236.248:8443/x?token=1")]
    [InlineData("https://[2606:4700:4700::1111]/")]
    [InlineData("http://[::ffff:8.8.8.8]/")]
    public void CheckUrl_PublicAddresses_Allowed(string url)
    {
        Assert.Equal(DestinationOutcome.Allowed, Policy().CheckUrl(url).Outcome);
    }

    [Fact]
    public void CheckUrl_Name_NeedsResolving()
    {
        var verdict = Policy().CheckUrl("https://hooks.slack.com/services/T/B/secret");

        Assert.Equal((DestinationOutcome.Resolve, "hooks.slack.com"), (verdict.Outcome, verdict.Host));
    }

    [Theory]
    [InlineData("http://2852039166/")]
    [InlineData("http://0xA9FEA9FE/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://169.254.169.254./")]
    public void CheckUrl_MetadataServiceInAnyForm_SaysWhatItIsAndWhereToAllowIt(string url)
    {
        Assert.Equal(
            "The URL points at 169.254.169.254, a link-local address (the cloud metadata service); add 169.254.169.254 to "
            + "Notifications:AllowedDestinations to allow it.",
            Policy().CheckUrl(url).Reason);
    }

    [Theory]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("http://ⓛocalhost/")]
    public void CheckUrl_LocalhostNames_RefusedAsThisMachine(string url)
    {
        Assert.Equal("localhost is a name for this machine (loopback); add localhost to Notifications:AllowedDestinations to allow it.",
            Policy().CheckUrl(url).Reason);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    [InlineData("ftp://8.8.8.8/")]
    [InlineData("not a url")]
    public void CheckUrl_OtherSchemes_Refused(string url)
    {
        Assert.Equal(DestinationOutcome.Refused, Policy().CheckUrl(url).Outcome);
    }

    [Fact]
    public void CheckAddresses_OneInsideAmongPublic_RefusedNamingIt()
    {
        var verdict = Policy().CheckAddresses("hooks.example.com", [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.5")]);

        Assert.Equal("hooks.example.com resolves to 10.0.0.5, a private address; add hooks.example.com or 10.0.0.5 to "
            + "Notifications:AllowedDestinations to allow it.", verdict.Reason);
    }

    [Fact]
    public void CheckAddresses_NoAddresses_RefusedAsUnresolvable()
    {
        Assert.Equal("nowhere.example could not be resolved with DNS; check the host name.", Policy().CheckAddresses("nowhere.example", []).Reason);
    }

    [Fact]
    public void CheckAddresses_AllPublic_Allowed()
    {
        Assert.True(Policy().CheckAddresses("hooks.example.com", [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("2606:4700::1")]).IsAllowed);
    }

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:5000/")]
    [InlineData("127.0.0.0/8", "http://2130706433/")]
    [InlineData("127.0.0.1", "http://[::ffff:127.0.0.1]/")]
    [InlineData("10.0.0.0/8", "https://10.20.30.40/hook")]
    [InlineData("fd00::/8", "http://[fd00::1]/")]
    [InlineData("localhost", "http://localhost:8080/")]
    [InlineData("hooks.internal", "http://HOOKS.internal/")]
    public void CheckUrl_AllowListed_Allowed(string entry, string url)
    {
        Assert.True(Policy(entry).CheckUrl(url).IsAllowed);
    }

    [Fact]
    public void CheckAddresses_AllowListedName_AllowedWhereverItResolves()
    {
        Assert.True(Policy("hooks.internal").CheckAddresses("hooks.internal", [IPAddress.Parse("10.0.0.5")]).IsAllowed);
    }

    [Fact]
    public void CheckAddresses_AllowListedNetwork_OtherInsideAddressesStillRefused()
    {
        var policy = Policy("10.0.0.0/24");

        Assert.True(policy.CheckAddresses("a.internal", [IPAddress.Parse("10.0.0.5")]).IsAllowed);
        Assert.False(policy.CheckAddresses("b.internal", [IPAddress.Parse("10.0.1.5")]).IsAllowed);
        Assert.False(policy.CheckUrl("http://169.254.169.254/").IsAllowed);
    }

    private static DestinationPolicy Policy(params string[] allowed) => new(new DestinationAllowList(allowed, Key));
}
