using System.Globalization;
using System.Text.Json;
using Dashboard.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// The JS SDK drives a deployment on a simulator whose clock the test moves: every new reply (models, configs,
/// UpdateEndpoint, DescribeEndpoint mid-deployment and after a rollback, SetAlarmState) and every new error parses.
/// </summary>
public sealed class SdkDeploymentsParseSimulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebApplication _app = null!;
    private Uri _endpoint = null!;

    public async ValueTask InitializeAsync()
    {
        _app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], null, _time);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _endpoint = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<JsonElement> CallAsync(string operation, string json)
    {
        var options = _app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        return PeerNode.CallAsync(_endpoint, operation, json, options.AccessKeyId, options.SecretAccessKey, TestContext.Current.CancellationToken);
    }

    private static JsonElement Output(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"the SDK failed: {result}");
        return result.GetProperty("output");
    }

    private static JsonElement Error(JsonElement result)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), $"the SDK succeeded: {result}");
        return result.GetProperty("error");
    }

    private static DateTimeOffset ParsedDate(JsonElement value)
    {
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        return DateTimeOffset.Parse(value.GetProperty("$date").GetString()!, CultureInfo.InvariantCulture);
    }

    private const string Config = """
        {"EndpointConfigName":"churn-prod-config-v8","ProductionVariants":[{"VariantName":"AllTraffic","ModelName":"churn-xgboost-2026-12-rc1",
         "InitialInstanceCount":2,"InstanceType":"ml.m5.xlarge","InitialVariantWeight":1}],
         "DataCaptureConfig":{"InitialSamplingPercentage":20,"DestinationS3Uri":"s3://bucket/capture","CaptureOptions":[{"CaptureMode":"Input"}]},
         "Tags":[{"Key":"env","Value":"prod"}]}
        """;

    private const string Canary = """
        {"EndpointName":"churn-prod","EndpointConfigName":"churn-prod-config-v8","DeploymentConfig":{
         "BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":600,"CanarySize":{"Type":"INSTANCE_COUNT","Value":1}},
           "TerminationWaitInSeconds":300,"MaximumExecutionTimeoutInSeconds":3600},
         "AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"sdk-abort"}]}}}
        """;

    [Fact]
    public async Task Models_ListAndDescribe_SdkParsesSummariesAndDates()
    {
        var listed = Output(await CallAsync("ListModels", """{"NameContains":"churn","MaxResults":2}"""));
        var models = listed.GetProperty("Models").EnumerateArray().ToList();
        Assert.Equal("churn-xgboost-2026-12-rc1", models[0].GetProperty("ModelName").GetString());
        Assert.True(ParsedDate(models[0].GetProperty("CreationTime")) > ParsedDate(models[1].GetProperty("CreationTime")));
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("NextToken").GetString()));

        var model = Output(await CallAsync("DescribeModel", """{"ModelName":"churn-xgboost-2026-12-rc1"}"""));
        Assert.EndsWith(":model/churn-xgboost-2026-12-rc1", model.GetProperty("ModelArn").GetString());
        Assert.StartsWith("s3://", model.GetProperty("PrimaryContainer").GetProperty("ModelDataUrl").GetString());
        ParsedDate(model.GetProperty("CreationTime"));

        var missing = Error(await CallAsync("DescribeModel", """{"ModelName":"nope"}"""));
        Assert.Equal("ValidationException", missing.GetProperty("name").GetString());
        Assert.Equal("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/nope\".", missing.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Deployment_MidwayThenRolledBackBySetAlarmState_SdkParsesPendingSummaryLastConfigAndFailureReason()
    {
        var created = Output(await CallAsync("CreateEndpointConfig", Config));
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-config-v8", created.GetProperty("EndpointConfigArn").GetString());
        var duplicate = Error(await CallAsync("CreateEndpointConfig", Config));
        Assert.Equal("ValidationException", duplicate.GetProperty("name").GetString());
        Assert.Equal(400, duplicate.GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("Cannot create already existing endpoint configuration \"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-config-v8\".",
            duplicate.GetProperty("message").GetString());
        var config = Output(await CallAsync("DescribeEndpointConfig", """{"EndpointConfigName":"churn-prod-config-v8"}"""));
        Assert.Equal("Input", config.GetProperty("DataCaptureConfig").GetProperty("CaptureOptions")[0].GetProperty("CaptureMode").GetString());

        Output(await CallAsync("PutMetricAlarm", """
            {"AlarmName":"sdk-abort","Namespace":"AWS/SageMaker","MetricName":"Invocations","Statistic":"Sum",
             "Dimensions":[{"Name":"EndpointName","Value":"churn-prod"},{"Name":"VariantName","Value":"AllTraffic"}],"Period":60,"EvaluationPeriods":1,
             "Threshold":1e9,"ComparisonOperator":"GreaterThanThreshold"}
            """));
        var updated = Output(await CallAsync("UpdateEndpoint", Canary));
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod", updated.GetProperty("EndpointArn").GetString());
        var inProgress = Error(await CallAsync("UpdateEndpoint", """{"EndpointName":"churn-prod","EndpointConfigName":"churn-prod-config-v7"}"""));
        Assert.Equal("ValidationException", inProgress.GetProperty("name").GetString());
        Assert.StartsWith("Cannot update in-progress endpoint", inProgress.GetProperty("message").GetString());

        _time.Advance(TimeSpan.FromSeconds(240));
        var midway = Output(await CallAsync("DescribeEndpoint", """{"EndpointName":"churn-prod"}"""));
        Assert.Equal("Updating", midway.GetProperty("EndpointStatus").GetString());
        var pending = midway.GetProperty("PendingDeploymentSummary");
        Assert.Equal("churn-prod-config-v8", pending.GetProperty("EndpointConfigName").GetString());
        ParsedDate(pending.GetProperty("StartTime"));
        var green = Assert.Single(pending.GetProperty("ProductionVariants").EnumerateArray());
        Assert.Equal(0.5, green.GetProperty("CurrentWeight").GetDouble());
        Assert.Equal("ml.m5.xlarge", green.GetProperty("InstanceType").GetString());
        var status = Assert.Single(green.GetProperty("VariantStatus").EnumerateArray());
        Assert.Equal("Baking", status.GetProperty("Status").GetString());
        Assert.Equal("Baking for 600 seconds", status.GetProperty("StatusMessage").GetString());
        ParsedDate(status.GetProperty("StartTime"));
        var last = midway.GetProperty("LastDeploymentConfig");
        Assert.Equal(1, last.GetProperty("BlueGreenUpdatePolicy").GetProperty("TrafficRoutingConfiguration").GetProperty("CanarySize")
            .GetProperty("Value").GetInt32());
        Assert.Equal("sdk-abort", last.GetProperty("AutoRollbackConfiguration").GetProperty("Alarms")[0].GetProperty("AlarmName").GetString());

        var set = Output(await CallAsync("SetAlarmState", """{"AlarmName":"sdk-abort","StateValue":"ALARM","StateReason":"Aborted","StateReasonData":"{\"by\":\"sdk\"}"}"""));
        Assert.Equal(200, set.GetProperty("$metadata").GetProperty("httpStatusCode").GetInt32());
        _time.Advance(TimeSpan.FromSeconds(61));
        var after = Output(await CallAsync("DescribeEndpoint", """{"EndpointName":"churn-prod"}"""));

        Assert.Equal("InService", after.GetProperty("EndpointStatus").GetString());
        Assert.Equal("churn-prod-config-v7", after.GetProperty("EndpointConfigName").GetString());
        Assert.Contains("CloudWatch alarm \"sdk-abort\" was in ALARM", after.GetProperty("FailureReason").GetString());
        Assert.False(after.TryGetProperty("PendingDeploymentSummary", out _));
    }

    [Fact]
    public async Task UpdateEndpoint_Refusals_SdkRaisesValidationException()
    {
        Output(await CallAsync("CreateEndpointConfig", Config));

        var tooBig = Error(await CallAsync("UpdateEndpoint", Canary.Replace("\"Value\":1", "\"Value\":2", StringComparison.Ordinal)));
        var badWait = Error(await CallAsync("UpdateEndpoint", Canary.Replace("600,", "3601,", StringComparison.Ordinal)));
        var unknown = Error(await CallAsync("UpdateEndpoint", """{"EndpointName":"churn-prod","EndpointConfigName":"nope"}"""));

        Assert.All([tooBig, badWait, unknown], e => Assert.Equal("ValidationException", e.GetProperty("name").GetString()));
        Assert.Contains("more than 50% of the new fleet's capacity", tooBig.GetProperty("message").GetString());
        Assert.Contains("at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds'", badWait.GetProperty("message").GetString());
        Assert.Equal("Could not find endpoint configuration \"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/nope\".",
            unknown.GetProperty("message").GetString());
    }

    [Fact]
    public async Task SetAlarmState_Refusals_SdkRaisesTheModelledExceptions()
    {
        var missing = Error(await CallAsync("SetAlarmState", """{"AlarmName":"sdk-none","StateValue":"ALARM","StateReason":"x"}"""));
        Output(await CallAsync("PutMetricAlarm", """
            {"AlarmName":"sdk-set","Namespace":"AWS/SageMaker","MetricName":"Invocations","Statistic":"Sum","Period":60,"EvaluationPeriods":1,
             "Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}
            """));
        var notJson = Error(await CallAsync("SetAlarmState", """{"AlarmName":"sdk-set","StateValue":"ALARM","StateReason":"x","StateReasonData":"not json"}"""));

        Assert.Equal("ResourceNotFound", missing.GetProperty("name").GetString());
        Assert.Equal(404, missing.GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("Alarm sdk-none not found", missing.GetProperty("message").GetString());
        Assert.Equal("InvalidFormatFault", notJson.GetProperty("name").GetString());
        Assert.Equal("InvalidFormat", notJson.GetProperty("code").GetString());
        Assert.Equal(400, notJson.GetProperty("httpStatusCode").GetInt32());
    }
}
