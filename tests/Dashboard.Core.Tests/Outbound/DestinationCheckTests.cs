using Dashboard.Core.Outbound;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Outbound;

public class DestinationCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAsync_NameResolvingToTheMetadataService_RefusedSayingWhy()
    {
        var resolver = new MapResolver().Map("metadata.example.test", "169.254.169.254");

        var verdict = await Check(resolver).CheckAsync("http://metadata.example.test/latest/meta-data/", Ct);

        Assert.Equal("metadata.example.test resolves to 169.254.169.254, a link-local address (the cloud metadata service); "
            + "add metadata.example.test or 169.254.169.254 to Notifications:AllowedDestinations to allow it.", verdict.Reason);
    }

    [Fact]
    public async Task CheckAsync_NameWithAPublicAndAnInsideAddress_Refused()
    {
        var resolver = new MapResolver().Map("mixed.example.test", "8.8.8.8", "::1");

        Assert.False((await Check(resolver).CheckAsync("https://mixed.example.test/", Ct)).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_PublicName_Allowed()
    {
        var resolver = new MapResolver().Map("hooks.slack.com", "52.0.0.1");

        Assert.True((await Check(resolver).CheckAsync("https://hooks.slack.com/services/T/B/secret", Ct)).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_UnknownName_RefusedAsUnresolvable()
    {
        var verdict = await Check(new MapResolver()).CheckAsync("https://hooks.slack.con/x", Ct);

        Assert.Equal("hooks.slack.con could not be resolved with DNS; check the host name.", verdict.Reason);
    }

    [Fact]
    public async Task CheckAsync_AllowListedName_NotResolvedAtAll()
    {
        var resolver = new MapResolver();

        var verdict = await Check(resolver, "hooks.internal").CheckAsync("http://hooks.internal:8080/x", Ct);

        Assert.True(verdict.IsAllowed);
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task CheckAsync_AddressLiteral_NotResolved()
    {
        var resolver = new MapResolver();

        Assert.False((await Check(resolver).CheckAsync("http://2852039166/", Ct)).IsAllowed);
        Assert.Empty(resolver.Asked);
    }

    private static DestinationCheck Check(MapResolver resolver, params string[] allowed) =>
        new(new DestinationPolicy(new DestinationAllowList(allowed, "Notifications:AllowedDestinations")), resolver, new FakeTimeProvider());
}
