using Dashboard.Core.Fleet;

namespace Dashboard.Storage.Tests.Fleet;

public class FleetStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_ThenFind_RoundTripsEveryField()
    {
        await using var db = await TempDatabase.CreateAsync();
        var endpoint = Endpoint("ep-a", "InService",
            new VariantState("blue", "ml.g5.xlarge", 2, 3, 0.9, 0.5), new VariantState("green", null, 0, 1, 0.1, 0.5));

        await db.Fleet.SaveAsync([endpoint], Ct);
        var found = await db.Fleet.FindAsync("ep-a", Ct);

        Assert.NotNull(found);
        Assert.Equal(endpoint with { Variants = [] }, found with { Variants = [] });
        Assert.Equal(endpoint.Variants, found.Variants);
    }

    /// <summary>Finding 2: an endpoint may carry a weight no proposal may (from AWS, or from before weights were checked).</summary>
    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(double.MaxValue)]
    public async Task SaveAsync_WeightNotAFiniteNumber_RoundTripsAsItWas(double weight)
    {
        await using var db = await TempDatabase.CreateAsync();
        var endpoint = Endpoint("ep-a", "InService", new VariantState("blue", "ml.g5.xlarge", 2, 2, weight, weight), new VariantState("green", null, 1, 1, 0.2, 0.2));

        await db.Fleet.SaveAsync([endpoint], Ct);
        var found = await db.Fleet.FindAsync("ep-a", Ct);

        Assert.Equal(endpoint.Variants, found!.Variants);
    }

    [Fact]
    public async Task SaveAsync_NewSnapshot_RemovesEndpointsNoLongerListedAndUpdatesOthers()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Fleet.SaveAsync([Endpoint("ep-a", "Creating", Variant("v1")), Endpoint("ep-b", "InService", Variant("v1"))], Ct);

        await db.Fleet.SaveAsync([Endpoint("ep-c", "InService", Variant("v1")), Endpoint("ep-a", "Updating", Variant("v2"), Variant("v1"))], Ct);

        var fleet = await db.Fleet.ListAsync(Ct);
        Assert.Equal(["ep-a", "ep-c"], fleet.Select(e => e.Name));
        Assert.Equal("Updating", fleet[0].Status);
        Assert.Equal(["v2", "v1"], fleet[0].Variants.Select(v => v.Name));
        Assert.Null(await db.Fleet.FindAsync("ep-b", Ct));
        Assert.Equal(3, await db.ScalarAsync("SELECT count(*) FROM Variants"));
    }

    [Fact]
    public async Task SaveAsync_EmptySnapshot_ClearsTheFleet()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Fleet.SaveAsync([Endpoint("ep-a", "InService", Variant("v1"))], Ct);

        await db.Fleet.SaveAsync([], Ct);

        Assert.Empty(await db.Fleet.ListAsync(Ct));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Variants"));
    }

    [Fact]
    public async Task SaveAsync_DuplicateEndpointNames_ThrowsAndKeepsPreviousSnapshot()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Fleet.SaveAsync([Endpoint("ep-a", "InService")], Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => db.Fleet.SaveAsync([Endpoint("ep-b", "InService"), Endpoint("ep-b", "Failed")], Ct));

        Assert.Equal(["ep-a"], (await db.Fleet.ListAsync(Ct)).Select(e => e.Name));
    }

    [Fact]
    public async Task FindAsync_UnknownEndpoint_ReturnsNull()
    {
        await using var db = await TempDatabase.CreateAsync();

        Assert.Null(await db.Fleet.FindAsync("nope", Ct));
    }

    private static VariantState Variant(string name) => new(name, "ml.m5.large", 1, 1, 1, 1);

    private static EndpointState Endpoint(string name, string status, params VariantState[] variants) => new(
        name, $"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name}", status, $"{name}-config",
        Now.AddDays(-3), Now.AddHours(-1), status == "Failed" ? "capacity" : null, variants, Now.AddMinutes(7).AddTicks(1230)); // whole microseconds: PostgreSQL keeps no finer
}
