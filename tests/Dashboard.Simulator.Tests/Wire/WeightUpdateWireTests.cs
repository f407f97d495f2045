using System.Net;
using System.Text.Json;
using Dashboard.Simulator.SageMaker;
using Dashboard.Simulator.Scenario;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.Wire;

/// <summary>UpdateEndpointWeightsAndCapacities changes the fleet, so every test gets its own simulator.</summary>
public sealed class WeightUpdateWireTests : IAsyncLifetime
{
    private const string Target = SimulatorHost.SageMakerPrefix + "UpdateEndpointWeightsAndCapacities";
    private const string Arn = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/pricing-ab";

    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private FleetScenario Scenario => _host.App.Services.GetRequiredService<FleetScenario>();

    private Task<HttpResponseMessage> UpdateAsync(string json) => _host.PostAsync(Target, json);

    private static string Weights(string endpoint, double a, double b) =>
        $$"""{"EndpointName":"{{endpoint}}","DesiredWeightsAndCapacities":[{"VariantName":"VariantA","DesiredWeight":{{a}}},{"VariantName":"VariantB","DesiredWeight":{{b}}}]}""";

    private async Task<JsonElement> DescribeAsync() => await _host.SageMakerAsync("DescribeEndpoint", new { EndpointName = "pricing-ab" });

    private static (float Current, float Desired) Variant(JsonElement describe, string name)
    {
        var variant = describe.GetProperty("ProductionVariants").EnumerateArray().Single(v => v.GetProperty("VariantName").GetString() == name);
        return (variant.GetProperty("CurrentWeight").GetSingle(), variant.GetProperty("DesiredWeight").GetSingle());
    }

    [Fact]
    public async Task Update_Valid_UpdatingForAWhileThenTheNewWeights()
    {
        var response = await UpdateAsync(Weights("pricing-ab", 0.5, 0.5));

        var reply = await SimulatorHost.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Arn, reply.GetProperty("EndpointArn").GetString());

        var during = await DescribeAsync();
        Assert.Equal("Updating", during.GetProperty("EndpointStatus").GetString());
        Assert.Equal((0.8f, 0.5f), Variant(during, "VariantA"));
        Assert.Equal((0.2f, 0.5f), Variant(during, "VariantB"));
        var listed = await _host.SageMakerAsync("ListEndpoints", new { StatusEquals = "Updating" });
        Assert.Contains("pricing-ab", listed.GetProperty("Endpoints").EnumerateArray().Select(e => e.GetProperty("EndpointName").GetString()));

        _host.Time.Advance(SageMakerOperations.WeightUpdateDuration);

        var after = await DescribeAsync();
        Assert.Equal("InService", after.GetProperty("EndpointStatus").GetString());
        Assert.Equal((0.5f, 0.5f), Variant(after, "VariantA"));
        Assert.Equal((0.5f, 0.5f), Variant(after, "VariantB"));
        Assert.Equal(TestClock.Now, DateTimeOffset.UnixEpoch.AddSeconds(after.GetProperty("LastModifiedTime").GetDouble()));
    }

    [Fact]
    public async Task Update_OneVariant_OthersKeepTheirWeight()
    {
        var response = await UpdateAsync("""{"EndpointName":"pricing-ab","DesiredWeightsAndCapacities":[{"VariantName":"VariantB","DesiredWeight":0.8}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _host.Time.Advance(SageMakerOperations.WeightUpdateDuration);

        var after = await DescribeAsync();
        Assert.Equal((0.8f, 0.8f), Variant(after, "VariantA"));
        Assert.Equal((0.8f, 0.8f), Variant(after, "VariantB"));
    }

    [Fact]
    public async Task Update_TrafficFollowsTheNewSplitFromTheMinuteAfterCompletion()
    {
        var earlier = TestClock.Now.AddMinutes(-30);
        var before = Scenario.VariantAt("pricing-ab", "VariantB", earlier).Invocations;

        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(Weights("pricing-ab", 0.2, 0.8))).StatusCode);

        // Minutes already published stay as they were.
        Assert.Equal(before, Scenario.VariantAt("pricing-ab", "VariantB", earlier).Invocations);
        var later = TestClock.Now.AddMinutes(5);
        long a = 0, b = 0;
        for (var minute = 0; minute < 30; minute++)
        {
            a += Scenario.VariantAt("pricing-ab", "VariantA", later.AddMinutes(minute)).Invocations;
            b += Scenario.VariantAt("pricing-ab", "VariantB", later.AddMinutes(minute)).Invocations;
        }
        Assert.InRange((double)b / (a + b), 0.77, 0.83);
        Assert.Equal(b, Enumerable.Range(0, 30).Sum(m =>
            (long)Scenario.GetValue("pricing-ab", "VariantB", "Invocations", "Sum", 60, later.AddMinutes(m))!.Value));
    }

    [Fact]
    public async Task Update_UnknownEndpoint_CouldNotFindEndpoint()
    {
        var message = await SimulatorHost.AssertErrorAsync(await UpdateAsync(Weights("nope", 1, 1)), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/nope\".", message);
    }

    [Fact]
    public async Task Update_UnknownVariant_ValidationExceptionAndNothingChanges()
    {
        var json = """{"EndpointName":"pricing-ab","DesiredWeightsAndCapacities":[{"VariantName":"VariantC","DesiredWeight":1}]}""";

        var message = await SimulatorHost.AssertErrorAsync(await UpdateAsync(json), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Contains("[VariantC]", message, StringComparison.Ordinal);
        Assert.Equal("InService", (await DescribeAsync()).GetProperty("EndpointStatus").GetString());
    }

    [Fact]
    public async Task Update_NegativeWeight_ModelConstraintError()
    {
        var message = await SimulatorHost.AssertErrorAsync(await UpdateAsync(Weights("pricing-ab", -1, 1)), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal("1 validation error detected: Value '-1' at 'desiredWeightsAndCapacities.1.member.desiredWeight' failed to satisfy constraint: Member must have value greater than or equal to 0", message);
    }

    /// <summary>Finding 2: the simulator took an infinite weight (SageMaker's model types DesiredWeight as a float of at least 0).</summary>
    [Theory]
    [InlineData("\"Infinity\"", "Value 'Infinity' at 'desiredWeightsAndCapacities.1.member.desiredWeight' failed to satisfy constraint: Member must be a finite number")]
    [InlineData("\"-Infinity\"", "Value '-Infinity' at 'desiredWeightsAndCapacities.1.member.desiredWeight' failed to satisfy constraint: Member must have value greater than or equal to 0")]
    [InlineData("\"NaN\"", "Value 'NaN' at 'desiredWeightsAndCapacities.1.member.desiredWeight' failed to satisfy constraint: Member must have value greater than or equal to 0")]
    public async Task Update_NonFiniteWeight_ValidationExceptionAndTheWeightsStay(string weight, string expected)
    {
        var json = $$"""{"EndpointName":"pricing-ab","DesiredWeightsAndCapacities":[{"VariantName":"VariantA","DesiredWeight":{{weight}}},{"VariantName":"VariantB","DesiredWeight":1}]}""";

        var message = await SimulatorHost.AssertErrorAsync(await UpdateAsync(json), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal("1 validation error detected: " + expected, message);
        var after = await DescribeAsync();
        Assert.Equal("InService", after.GetProperty("EndpointStatus").GetString());
        Assert.Equal((0.8f, 0.8f), Variant(after, "VariantA"));
    }

    [Fact]
    public async Task Update_WhileUpdating_CannotUpdateInProgressEndpoint()
    {
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(Weights("pricing-ab", 0.5, 0.5))).StatusCode);

        var again = await SimulatorHost.AssertErrorAsync(await UpdateAsync(Weights("pricing-ab", 0.1, 0.9)), HttpStatusCode.BadRequest, "ValidationException");
        var catalogueUpdating = await SimulatorHost.AssertErrorAsync(await UpdateAsync(
            """{"EndpointName":"image-moderation","DesiredWeightsAndCapacities":[{"VariantName":"resnet-v1","DesiredWeight":1}]}"""),
            HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal($"Cannot update in-progress endpoint \"{Arn}\".", again);
        Assert.StartsWith("Cannot update in-progress endpoint", catalogueUpdating, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"EndpointName":"pricing-ab"}""", "Member must not be null")]
    [InlineData("""{"EndpointName":"pricing-ab","DesiredWeightsAndCapacities":[]}""", "length greater than or equal to 1")]
    [InlineData("""{"DesiredWeightsAndCapacities":[{"VariantName":"VariantA","DesiredWeight":1}]}""", "'endpointName'")]
    public async Task Update_MissingMembers_ValidationException(string json, string expected)
    {
        var message = await SimulatorHost.AssertErrorAsync(await UpdateAsync(json), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
