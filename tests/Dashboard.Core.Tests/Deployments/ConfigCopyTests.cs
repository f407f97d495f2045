using System.Text.Json;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Tests.Deployments;

public sealed class ConfigCopyTests
{
    private static readonly DescribeEndpointConfigResponse Current = new("fraud-detector-config-v12", "arn:config",
        [new ProductionVariant("AllTraffic", "fraud-lightgbm-v12", 2, "ml.c5.2xlarge", 1)
        {
            Other = new Dictionary<string, JsonElement> { ["VolumeSizeInGB"] = JsonDocument.Parse("30").RootElement },
        }], DateTimeOffset.UnixEpoch)
    {
        DataCaptureConfig = new DataCaptureConfig(10, "s3://bucket/capture", [new CaptureOption("Input")]),
        KmsKeyId = "key",
    };

    private static DeploymentPlan Plan(int? count = null) => new("fraud-detector", DeploymentStrategy.AllAtOnce,
        [new VariantTarget("AllTraffic", "fraud-lightgbm-v13", InstanceCount: count)], ["a"]);

    /// <summary>Found by the integration tests: an autoscaled variant serving 6 got a new fleet of 2, which took all the traffic and failed.</summary>
    [Fact]
    public void Copy_AutoscaledVariantServingMoreThanItsInitialCount_NewFleetAsLargeAsTheServingOne()
    {
        var copy = DeploymentLauncher.Copy(Current, "fraud-detector-20261207120000", Plan(), [], new Dictionary<string, int> { ["AllTraffic"] = 6 });

        var variant = Assert.Single(copy.ProductionVariants);
        Assert.Equal(("fraud-lightgbm-v13", 6, "ml.c5.2xlarge"), (variant.ModelName, variant.InitialInstanceCount, variant.InstanceType));
    }

    [Fact]
    public void Copy_CountInThePlan_WinsAndEverythingElseIsKept()
    {
        var copy = DeploymentLauncher.Copy(Current, "n", Plan(3), [new ResourceTag("team", "risk"), new ResourceTag("aws:cloudformation:stack-name", "x")],
            new Dictionary<string, int> { ["AllTraffic"] = 6 });

        Assert.Equal(3, copy.ProductionVariants[0].InitialInstanceCount);
        Assert.Equal(30, copy.ProductionVariants[0].Other!["VolumeSizeInGB"].GetInt32());
        Assert.Equal(Current.DataCaptureConfig, copy.DataCaptureConfig);
        Assert.Equal("key", copy.KmsKeyId);
        Assert.Equal([new ResourceTag("team", "risk")], copy.Tags);
    }
}
