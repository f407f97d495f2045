using Dashboard.Core.Charts;
using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Tests.Charts;

public sealed class PanelSpecTests
{
    [Theory]
    [InlineData("ml.g5.xlarge", true)]
    [InlineData("ml.p4d.24xlarge", true)]
    [InlineData("ml.m5.large", false)]
    [InlineData("ml.inf2.xlarge", false)]
    [InlineData("ml.unknown.xlarge", false)]
    public void AppliesTo_GpuPanels_OnlyForGpuInstanceTypes(string instanceType, bool expected)
    {
        var endpoint = Endpoint(instanceType);

        Assert.Equal(expected, PanelSpec.All.Single(p => p.Id == "gpu").AppliesTo(endpoint));
        Assert.Equal(expected, PanelSpec.All.Single(p => p.Id == "gpu-memory").AppliesTo(endpoint));
        Assert.True(PanelSpec.All.Single(p => p.Id == "cpu").AppliesTo(endpoint));
    }

    [Fact]
    public void AppliesTo_OneGpuVariantAmongSeveral_ShowsGpuPanels()
    {
        Assert.True(PanelSpec.All.Single(p => p.Id == "gpu").AppliesTo(Endpoint("ml.m5.large", "ml.g4dn.xlarge")));
    }

    [Theory]
    [InlineData("model-latency", "ms")]
    [InlineData("invocations", "count")]
    [InlineData("errors", "count")]
    [InlineData("error-rate", "%")]
    [InlineData("cpu", "%")]
    [InlineData("drift", "distance")]
    public void Unit_FollowsTheMetric(string id, string unit)
    {
        Assert.Equal(unit, PanelSpec.All.Single(p => p.Id == id).Unit);
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(2, 2, true)]
    [InlineData(1, 3, true)]
    public void AppliesTo_InvocationsPerInstance_OnlyWhereAVariantHasSeveralInstances(int current, int desired, bool expected)
    {
        var endpoint = Endpoint("ml.m5.large");
        endpoint = endpoint with { Variants = [endpoint.Variants[0] with { CurrentInstanceCount = current, DesiredInstanceCount = desired }] };

        // With one instance it would repeat the invocations chart line for line.
        Assert.Equal(expected, PanelSpec.All.Single(p => p.Id == "invocations-per-instance").AppliesTo(endpoint));
        Assert.True(PanelSpec.All.Single(p => p.Id == "invocations").AppliesTo(endpoint));
    }

    [Fact]
    public void All_IdsAreUnique()
    {
        Assert.Equal(PanelSpec.All.Count, PanelSpec.All.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void All_LatencyBandIsOnP90()
    {
        var latency = PanelSpec.All.Single(p => p.Id == "model-latency");

        Assert.Equal(("ModelLatency", "p90"), (latency.BandMetric, latency.BandStat));
    }

    private static EndpointState Endpoint(params string[] instanceTypes) =>
        new("vision", "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/vision", EndpointStatuses.InService, "vision-config",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null,
            instanceTypes.Select((t, i) => new VariantState($"variant-{i}", t, 1, 1, 1, 1)).ToList(), DateTimeOffset.UnixEpoch);
}
