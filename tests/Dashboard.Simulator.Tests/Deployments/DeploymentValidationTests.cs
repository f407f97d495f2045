using System.Net;
using System.Text.Json;
using Dashboard.Simulator.Tests.Wire;
using static Dashboard.Simulator.Tests.Deployments.DeploymentRequests;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>CreateEndpointConfig and UpdateEndpoint refuse what SageMaker refuses, and then nothing changes.</summary>
public sealed class DeploymentValidationTests : IAsyncLifetime
{
    private const string ConfigArn = "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/";

    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<string> RefusedAsync(string operation, object body) => await SimulatorHost.AssertErrorAsync(
        await _host.PostAsync(SimulatorHost.SageMakerPrefix + operation, JsonSerializer.Serialize(body)), HttpStatusCode.BadRequest,
        "ValidationException");

    [Fact]
    public async Task CreateEndpointConfig_ExistingName_AwsDuplicateError()
    {
        var message = await RefusedAsync("CreateEndpointConfig", Config(GoodModel, OldConfig));

        Assert.Equal($"Cannot create already existing endpoint configuration \"{ConfigArn}churn-prod-config-v7\".", message);
    }

    [Fact]
    public async Task CreateEndpointConfig_CreatedTwice_SecondRefused()
    {
        var first = await _host.SageMakerAsync("CreateEndpointConfig", Config(GoodModel));

        Assert.Equal(ConfigArn + "churn-prod-config-v8", first.GetProperty("EndpointConfigArn").GetString());
        Assert.StartsWith("Cannot create already existing endpoint configuration", await RefusedAsync("CreateEndpointConfig", Config(GoodModel)));
    }

    [Theory]
    [InlineData("no-such-model", "Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/no-such-model\".")]
    [InlineData("bad_name", "1 validation error detected: Value 'bad_name' at 'productionVariants.1.member.modelName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")]
    public async Task CreateEndpointConfig_BadModel_Refused(string model, string expected)
    {
        Assert.Equal(expected, await RefusedAsync("CreateEndpointConfig", Config(model)));
    }

    [Fact]
    public async Task CreateEndpointConfig_UnknownInstanceType_EnumConstraint()
    {
        var message = await RefusedAsync("CreateEndpointConfig", Config(GoodModel, type: "ml.m5.huge"));

        Assert.StartsWith("1 validation error detected: Value 'ml.m5.huge' at 'productionVariants.1.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set: [ml.c5.2xlarge,", message);
    }

    [Fact]
    public async Task CreateEndpointConfig_ZeroInstances_RangeConstraint()
    {
        Assert.EndsWith("at 'productionVariants.1.member.initialInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
            await RefusedAsync("CreateEndpointConfig", Config(GoodModel, count: 0)));
    }

    [Fact]
    public async Task CreateEndpointConfig_DuplicateVariantNames_Refused()
    {
        var variant = new { VariantName = "AllTraffic", ModelName = GoodModel, InitialInstanceCount = 1, InstanceType = "ml.m5.xlarge" };

        var message = await RefusedAsync("CreateEndpointConfig", new { EndpointConfigName = "dup", ProductionVariants = new[] { variant, variant } });

        Assert.Contains("\"AllTraffic\" appears more than once", message);
    }

    [Fact]
    public async Task CreateEndpointConfig_ElevenVariants_LengthConstraint()
    {
        var variants = Enumerable.Range(1, 11).Select(i => new { VariantName = $"V{i}", ModelName = GoodModel, InitialInstanceCount = 1, InstanceType = "ml.m5.xlarge" });

        Assert.EndsWith("Member must have length less than or equal to 10",
            await RefusedAsync("CreateEndpointConfig", new { EndpointConfigName = "many", ProductionVariants = variants }));
    }

    [Fact]
    public async Task CreateEndpointConfig_CaptureWithoutOptions_Refused()
    {
        var body = new
        {
            EndpointConfigName = "capture",
            ProductionVariants = new[] { new { VariantName = "AllTraffic", ModelName = GoodModel, InitialInstanceCount = 1, InstanceType = "ml.m5.xlarge" } },
            DataCaptureConfig = new { InitialSamplingPercentage = 101, DestinationS3Uri = "s3://bucket/capture", CaptureOptions = new[] { new { CaptureMode = "Input" } } },
        };

        Assert.EndsWith("at 'dataCaptureConfig.initialSamplingPercentage' failed to satisfy constraint: Member must have value less than or equal to 100",
            await RefusedAsync("CreateEndpointConfig", body));
    }

    [Fact]
    public async Task CreateEndpointConfig_KeepsCaptureTagsAndUnmodelledMembers_DescribeAndListTagsReturnThem()
    {
        const string json = """
            {"EndpointConfigName":"churn-prod-config-v8","ProductionVariants":[{"VariantName":"AllTraffic","ModelName":"churn-xgboost-2026-11",
             "InitialInstanceCount":2,"InstanceType":"ml.m5.xlarge","InitialVariantWeight":1.0,"VolumeSizeInGB":30}],
             "DataCaptureConfig":{"EnableCapture":true,"InitialSamplingPercentage":20,"DestinationS3Uri":"s3://bucket/capture","CaptureOptions":[{"CaptureMode":"Input"}]},
             "Tags":[{"Key":"env","Value":"prod"}],"EnableNetworkIsolation":true}
            """;
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(SimulatorHost.SageMakerPrefix + "CreateEndpointConfig", json)).StatusCode);

        var config = await _host.SageMakerAsync("DescribeEndpointConfig", new { EndpointConfigName = NewConfig });
        var tags = await _host.SageMakerAsync("ListTags", new { ResourceArn = ConfigArn + NewConfig });

        Assert.Equal(20, config.GetProperty("DataCaptureConfig").GetProperty("InitialSamplingPercentage").GetInt32());
        Assert.True(config.GetProperty("EnableNetworkIsolation").GetBoolean());
        Assert.Equal(30, config.GetProperty("ProductionVariants")[0].GetProperty("VolumeSizeInGB").GetInt32());
        Assert.Equal("prod", tags.GetProperty("Tags")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task DescribeEndpointConfig_CatalogueConfigWithCapture_ReturnsItsDataCaptureConfig()
    {
        var config = await _host.SageMakerAsync("DescribeEndpointConfig", new { EndpointConfigName = OldConfig });

        Assert.Equal("s3://sagemaker-us-east-1-123456789012/datacapture/churn-prod",
            config.GetProperty("DataCaptureConfig").GetProperty("DestinationS3Uri").GetString());
    }

    [Theory]
    [InlineData("CANARY", "CAPACITY_PERCENT", 60, "more than 50% of the new fleet's capacity")]
    [InlineData("CANARY", "INSTANCE_COUNT", 2, "more than 50% of the new fleet's capacity")]
    [InlineData("LINEAR", "CAPACITY_PERCENT", 5, "must be between 10% and 50%")]
    [InlineData("LINEAR", "CAPACITY_PERCENT", 60, "must be between 10% and 50%")]
    public async Task UpdateEndpoint_StepOutOfRange_Refused(string type, string sizeType, int size, string expected)
    {
        await _host.SageMakerAsync("CreateEndpointConfig", Config(GoodModel));
        object routing = type == "CANARY"
            ? new { Type = type, WaitIntervalInSeconds = 60, CanarySize = new { Type = sizeType, Value = size } }
            : new { Type = type, WaitIntervalInSeconds = 60, LinearStepSize = new { Type = sizeType, Value = size } };

        Assert.Contains(expected, await RefusedAsync("UpdateEndpoint", Update(BlueGreen(routing, 0, 3600))));
        Assert.Equal("InService", Status(await DescribeAsync(_host)));
    }

    [Theory]
    [InlineData(3601, 0, 28800, "at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600")]
    [InlineData(60, 3601, 28800, "at 'deploymentConfig.blueGreenUpdatePolicy.terminationWaitInSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600")]
    [InlineData(60, 0, 599, "at 'deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 600")]
    [InlineData(60, 0, 28801, "Member must have value less than or equal to 28800")]
    [InlineData(500, 100, 600, "MaximumExecutionTimeoutInSeconds (600) must be greater than the wait intervals and termination wait added up (600 seconds).")]
    public async Task UpdateEndpoint_WaitsOrTimeoutOutOfRange_Refused(int wait, int termination, int timeout, string expected)
    {
        await _host.SageMakerAsync("CreateEndpointConfig", Config(GoodModel));

        Assert.EndsWith(expected, await RefusedAsync("UpdateEndpoint", Update(Canary(wait, termination, timeout))));
    }

    [Fact]
    public async Task UpdateEndpoint_ElevenAlarms_LengthConstraint()
    {
        await _host.SageMakerAsync("CreateEndpointConfig", Config(GoodModel));
        var alarms = Enumerable.Range(1, 11).Select(i => $"a{i}").ToArray();

        Assert.EndsWith("at 'deploymentConfig.autoRollbackConfiguration.alarms' failed to satisfy constraint: Member must have length less than or equal to 10",
            await RefusedAsync("UpdateEndpoint", Update(Canary(60, 0, 3600, alarms))));
    }

    [Fact]
    public async Task UpdateEndpoint_BothPolicies_Refused()
    {
        await _host.SageMakerAsync("CreateEndpointConfig", Config(GoodModel));
        var both = new
        {
            BlueGreenUpdatePolicy = new { TrafficRoutingConfiguration = new { Type = "ALL_AT_ONCE", WaitIntervalInSeconds = 0 } },
            RollingUpdatePolicy = new { MaximumBatchSize = new { Type = "INSTANCE_COUNT", Value = 1 }, WaitIntervalInSeconds = 0 },
        };

        Assert.Equal("Only one of BlueGreenUpdatePolicy and RollingUpdatePolicy can be specified in DeploymentConfig.",
            await RefusedAsync("UpdateEndpoint", Update(both)));
    }

    [Fact]
    public async Task UpdateEndpoint_RollingOnTwoVariants_Refused()
    {
        var variants = new[] { "VariantA", "VariantB" }.Select(v => new { VariantName = v, ModelName = "pricing-gbm-v11", InitialInstanceCount = 2, InstanceType = "ml.c5.xlarge" });
        await _host.SageMakerAsync("CreateEndpointConfig", new { EndpointConfigName = "pricing-ab-config-v3", ProductionVariants = variants });
        var rolling = new { RollingUpdatePolicy = new { MaximumBatchSize = new { Type = "INSTANCE_COUNT", Value = 1 }, WaitIntervalInSeconds = 0 } };

        Assert.Equal("RollingUpdatePolicy is not supported for endpoints with more than one production variant.",
            await RefusedAsync("UpdateEndpoint", Update(rolling, "pricing-ab-config-v3", "pricing-ab")));
    }

    [Fact]
    public async Task UpdateEndpoint_OtherVariantNamesWithGuardrails_Refused()
    {
        await _host.SageMakerAsync("CreateEndpointConfig", new
        {
            EndpointConfigName = NewConfig,
            ProductionVariants = new[] { new { VariantName = "Blue", ModelName = GoodModel, InitialInstanceCount = 2, InstanceType = "ml.m5.xlarge" } },
        });

        Assert.Contains("must have the same names as the endpoint's [AllTraffic] for a deployment with a DeploymentConfig",
            await RefusedAsync("UpdateEndpoint", Update(Canary(wait: 600, termination: 0, timeout: 3600))));
    }

    [Fact]
    public async Task UpdateEndpoint_UnknownConfig_CouldNotFind()
    {
        Assert.Equal($"Could not find endpoint configuration \"{ConfigArn}nope\".", await RefusedAsync("UpdateEndpoint", Update(null, "nope")));
    }

    [Fact]
    public async Task UpdateEndpoint_WhileUpdating_InProgressError()
    {
        await StartAsync(_host, GoodModel, null);

        Assert.Equal("Cannot update in-progress endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod\".",
            await RefusedAsync("UpdateEndpoint", Update(null, OldConfig)));
    }
}
