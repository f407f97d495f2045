using System.Text.Json;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.SageMaker;
using static Dashboard.WireProof.Tests.RequestsMatchSdkTests;

namespace Dashboard.WireProof.Tests;

/// <summary>The deployment operations: our C# requests and the node SDK's, for the same input, must be the same request.</summary>
public sealed class DeploymentRequestsMatchSdkTests
{
    private const string SageMakerJson = "application/x-amz-json-1.1";

    private static Task<(CapturedRequest Sdk, CapturedRequest Ours)> SageMakerAsync(string operation, string sdkInput,
        Func<ISageMakerClient, CancellationToken, Task> sendOurs) =>
        CaptureBothAsync(operation, sdkInput, (provider, ct) => sendOurs(provider.GetRequiredService<ISageMakerClient>(), ct));

    [Fact]
    public async Task ListModels_AllMembers_SameRequestAsSdk()
    {
        var pair = await SageMakerAsync("ListModels",
            """{"SortBy":"CreationTime","SortOrder":"Descending","NextToken":"tok","MaxResults":50,"NameContains":"churn"}""",
            (client, ct) => client.ListModelsAsync(new ListModelsRequest("CreationTime", "Descending", "tok", 50, "churn"), ct));

        AssertSameRequest(pair, "SageMaker.ListModels", SageMakerJson, queryMode: false);
    }

    [Fact]
    public async Task DescribeModel_Name_SameRequestAsSdk()
    {
        var pair = await SageMakerAsync("DescribeModel", """{"ModelName":"churn-xgboost-2026-11"}""",
            (client, ct) => client.DescribeModelAsync(new DescribeModelRequest("churn-xgboost-2026-11"), ct));

        AssertSameRequest(pair, "SageMaker.DescribeModel", SageMakerJson, queryMode: false);
    }

    [Fact]
    public async Task CreateEndpointConfig_VariantsCaptureTagsAndUnmodelledMembers_SameRequestAsSdk()
    {
        var pair = await SageMakerAsync("CreateEndpointConfig",
            """
            {"EndpointConfigName":"churn-prod-20261207120000",
             "ProductionVariants":[
               {"VariantName":"AllTraffic","ModelName":"churn-xgboost-2026-11","InitialInstanceCount":2,"InstanceType":"ml.m5.xlarge","InitialVariantWeight":1,"VolumeSizeInGB":30},
               {"VariantName":"Shadowless","ModelName":"churn-xgboost-2026-01","InitialInstanceCount":1,"InstanceType":"ml.c5.xlarge","InitialVariantWeight":0.25}],
             "DataCaptureConfig":{"EnableCapture":true,"InitialSamplingPercentage":20,"DestinationS3Uri":"s3://bucket/datacapture","KmsKeyId":"alias/capture",
               "CaptureOptions":[{"CaptureMode":"Input"},{"CaptureMode":"Output"}],"CaptureContentTypeHeader":{"CsvContentTypes":["text/csv"],"JsonContentTypes":["application/json"]}},
             "Tags":[{"Key":"env","Value":"prod"},{"Key":"team","Value":"growth"}],
             "KmsKeyId":"alias/volumes",
             "EnableNetworkIsolation":true}
            """,
            (client, ct) => client.CreateEndpointConfigAsync(new CreateEndpointConfigRequest("churn-prod-20261207120000",
            [
                new ProductionVariant("AllTraffic", "churn-xgboost-2026-11", 2, "ml.m5.xlarge", 1f)
                {
                    Other = new() { ["VolumeSizeInGB"] = JsonSerializer.SerializeToElement(30) },
                },
                new ProductionVariant("Shadowless", "churn-xgboost-2026-01", 1, "ml.c5.xlarge", 0.25f),
            ])
            {
                DataCaptureConfig = new DataCaptureConfig(20, "s3://bucket/datacapture", [new CaptureOption("Input"), new CaptureOption("Output")])
                {
                    EnableCapture = true,
                    KmsKeyId = "alias/capture",
                    CaptureContentTypeHeader = new CaptureContentTypeHeader(["text/csv"], ["application/json"]),
                },
                Tags = [new ResourceTag("env", "prod"), new ResourceTag("team", "growth")],
                KmsKeyId = "alias/volumes",
                Other = new() { ["EnableNetworkIsolation"] = JsonSerializer.SerializeToElement(true) },
            }, ct));

        AssertSameRequest(pair, "SageMaker.CreateEndpointConfig", SageMakerJson, queryMode: false);
    }

    private static readonly AutoRollbackConfig Rollback = new([new AlarmReference("churn-prod-5xx-rate"), new AlarmReference("churn-prod-latency-p90")]);

    private const string RollbackJson =
        "\"AutoRollbackConfiguration\":{\"Alarms\":[{\"AlarmName\":\"churn-prod-5xx-rate\"},{\"AlarmName\":\"churn-prod-latency-p90\"}]}";

    public static TheoryData<string, string> Policies => new()
    {
        {
            "canary",
            """{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":600,"CanarySize":{"Type":"CAPACITY_PERCENT","Value":30}},"TerminationWaitInSeconds":600,"MaximumExecutionTimeoutInSeconds":1800},""" + RollbackJson + "}"
        },
        {
            "linear",
            """{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"LINEAR","WaitIntervalInSeconds":300,"LinearStepSize":{"Type":"INSTANCE_COUNT","Value":1}},"TerminationWaitInSeconds":120,"MaximumExecutionTimeoutInSeconds":3600},""" + RollbackJson + "}"
        },
        {
            "all-at-once",
            """{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":0}},""" + RollbackJson + "}"
        },
        {
            "rolling",
            """{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":50},"WaitIntervalInSeconds":120,"MaximumExecutionTimeoutInSeconds":3600,"RollbackMaximumBatchSize":{"Type":"INSTANCE_COUNT","Value":1}},""" + RollbackJson + "}"
        },
    };

    private static DeploymentConfig Policy(string name) => name switch
    {
        "canary" => new()
        {
            BlueGreenUpdatePolicy = new BlueGreenUpdatePolicy(new TrafficRoutingConfig(TrafficRoutingTypes.Canary, 600)
            {
                CanarySize = new CapacitySize(CapacitySizeTypes.CapacityPercent, 30),
            })
            { TerminationWaitInSeconds = 600, MaximumExecutionTimeoutInSeconds = 1800 },
            AutoRollbackConfiguration = Rollback,
        },
        "linear" => new()
        {
            BlueGreenUpdatePolicy = new BlueGreenUpdatePolicy(new TrafficRoutingConfig(TrafficRoutingTypes.Linear, 300)
            {
                LinearStepSize = new CapacitySize(CapacitySizeTypes.InstanceCount, 1),
            })
            { TerminationWaitInSeconds = 120, MaximumExecutionTimeoutInSeconds = 3600 },
            AutoRollbackConfiguration = Rollback,
        },
        "all-at-once" => new()
        {
            BlueGreenUpdatePolicy = new BlueGreenUpdatePolicy(new TrafficRoutingConfig(TrafficRoutingTypes.AllAtOnce, 0)),
            AutoRollbackConfiguration = Rollback,
        },
        _ => new()
        {
            RollingUpdatePolicy = new RollingUpdatePolicy(new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), 120)
            {
                MaximumExecutionTimeoutInSeconds = 3600,
                RollbackMaximumBatchSize = new CapacitySize(CapacitySizeTypes.InstanceCount, 1),
            },
            AutoRollbackConfiguration = Rollback,
        },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task UpdateEndpoint_EachPolicyWithAutoRollback_SameRequestAsSdk(string policy, string deploymentConfigJson)
    {
        var pair = await SageMakerAsync("UpdateEndpoint",
            """{"EndpointName":"churn-prod","EndpointConfigName":"churn-prod-20261207120000","RetainAllVariantProperties":false,"DeploymentConfig":""" + deploymentConfigJson + "}",
            (client, ct) => client.UpdateEndpointAsync(new UpdateEndpointRequest("churn-prod", "churn-prod-20261207120000")
            {
                RetainAllVariantProperties = false,
                DeploymentConfig = Policy(policy),
            }, ct));

        AssertSameRequest(pair, "SageMaker.UpdateEndpoint", SageMakerJson, queryMode: false);
    }

    [Fact]
    public async Task UpdateEndpoint_NoDeploymentConfig_SameRequestAsSdk()
    {
        var pair = await SageMakerAsync("UpdateEndpoint", """{"EndpointName":"churn-prod","EndpointConfigName":"churn-prod-config-v7"}""",
            (client, ct) => client.UpdateEndpointAsync(new UpdateEndpointRequest("churn-prod", "churn-prod-config-v7"), ct));

        AssertSameRequest(pair, "SageMaker.UpdateEndpoint", SageMakerJson, queryMode: false);
    }

    [Fact]
    public async Task SetAlarmState_WithReasonData_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("SetAlarmState",
            """{"AlarmName":"deploy-42-abort","StateValue":"ALARM","StateReason":"Aborted by alice","StateReasonData":"{\"deployment\":42}"}""",
            (provider, ct) => provider.GetRequiredService<ICloudWatchAlarmsClient>().SetAlarmStateAsync(
                new SetAlarmStateRequest("deploy-42-abort", "ALARM", "Aborted by alice") { StateReasonData = """{"deployment":42}""" }, ct));

        AssertSameRequest(pair, "GraniteServiceVersion20100801.SetAlarmState", "application/x-amz-json-1.0", queryMode: true);
    }
}
