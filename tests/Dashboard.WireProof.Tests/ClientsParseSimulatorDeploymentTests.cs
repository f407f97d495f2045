using System.Text.Json;
using Dashboard.Aws;
using Dashboard.Core;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.WireProof.Tests;

/// <summary>Our own C# clients against the simulator: a copied config keeps what it does not model, and a deployment reads back.</summary>
public sealed class ClientsParseSimulatorDeploymentTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebApplication _app = null!;
    private ServiceProvider _clients = null!;

    public async ValueTask InitializeAsync()
    {
        _app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], null, _time);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var options = _app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        _clients = new ServiceCollection().AddLogging().AddAwsClients(o =>
        {
            o.CloudWatchServiceUrl = endpoint;
            o.SageMakerServiceUrl = endpoint;
            o.AccessKeyId = options.AccessKeyId;
            o.SecretAccessKey = options.SecretAccessKey;
            o.Region = options.Region;
            o.MaxAttempts = 1;
        }).BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _app.DisposeAsync();
    }

    private ISageMakerClient SageMaker => _clients.GetRequiredService<ISageMakerClient>();

    [Fact]
    public async Task CopyOfAConfig_NewModel_KeepsCaptureTagsAndUnmodelledMembersThenDeploysAndReadsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await SageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest("churn-prod-base",
            [new ProductionVariant("AllTraffic", "churn-xgboost-2026-01", 2, "ml.m5.xlarge", 1f) { Other = new() { ["VolumeSizeInGB"] = JsonSerializer.SerializeToElement(30) } }])
        {
            DataCaptureConfig = new DataCaptureConfig(20, "s3://bucket/capture", [new CaptureOption("Input")]),
            Other = new() { ["EnableNetworkIsolation"] = JsonSerializer.SerializeToElement(true) },
        }, ct);

        var current = await SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest("churn-prod-base"), ct);
        var copy = new CreateEndpointConfigRequest("churn-prod-copy",
            current.ProductionVariants.Select(v => v with { ModelName = "churn-xgboost-2026-11" }).ToList())
        {
            DataCaptureConfig = current.DataCaptureConfig,
            Tags = (await SageMaker.ListTagsAsync(new ListTagsRequest(current.EndpointConfigArn), ct)).Tags,
            Other = current.Other,
        };
        await SageMaker.CreateEndpointConfigAsync(copy, ct);
        var copied = await SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest("churn-prod-copy"), ct);

        Assert.Equal("churn-xgboost-2026-11", copied.ProductionVariants[0].ModelName);
        Assert.Equal(30, copied.ProductionVariants[0].Other!["VolumeSizeInGB"].GetInt32());
        Assert.True(copied.Other!["EnableNetworkIsolation"].GetBoolean());
        Assert.Equal(20, copied.DataCaptureConfig!.InitialSamplingPercentage);

        await SageMaker.UpdateEndpointAsync(new UpdateEndpointRequest("churn-prod", "churn-prod-copy")
        {
            DeploymentConfig = new DeploymentConfig
            {
                BlueGreenUpdatePolicy = new BlueGreenUpdatePolicy(new TrafficRoutingConfig(TrafficRoutingTypes.Linear, 60)
                {
                    LinearStepSize = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50),
                })
                { TerminationWaitInSeconds = 60, MaximumExecutionTimeoutInSeconds = 900 },
                AutoRollbackConfiguration = new AutoRollbackConfig([new AlarmReference("none-yet")]),
            },
        }, ct);
        _time.Advance(TimeSpan.FromSeconds(185));
        var midway = await SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest("churn-prod"), ct);

        Assert.Equal(EndpointStatuses.Updating, midway.EndpointStatus);
        var pending = midway.PendingDeploymentSummary!;
        Assert.Equal("churn-prod-copy", pending.EndpointConfigName);
        Assert.Equal(VariantStatuses.ActivatingTraffic, pending.ProductionVariants![0].VariantStatus![0].Status);
        Assert.Equal(0.5f, pending.ProductionVariants[0].CurrentWeight);
        Assert.Equal(TrafficRoutingTypes.Linear, midway.LastDeploymentConfig!.BlueGreenUpdatePolicy!.TrafficRoutingConfiguration.Type);
        Assert.Equal("none-yet", midway.LastDeploymentConfig.AutoRollbackConfiguration!.Alarms[0].AlarmName);

        _time.Advance(TimeSpan.FromMinutes(10));
        var done = await SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest("churn-prod"), ct);
        Assert.Equal(EndpointStatuses.InService, done.EndpointStatus);
        Assert.Equal("churn-prod-copy", done.EndpointConfigName);
        Assert.Null(done.PendingDeploymentSummary);
    }

    [Fact]
    public async Task ModelsAndSetAlarmState_OurClientsReadThemAndRaiseTheErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var models = await SageMaker.ListModelsAsync(new ListModelsRequest(NameContains: "churn"), ct);
        var model = await SageMaker.DescribeModelAsync(new DescribeModelRequest(models.Models[0].ModelName), ct);
        var alarms = _clients.GetRequiredService<ICloudWatchAlarmsClient>();

        Assert.Equal("churn-xgboost-2026-12-rc1", model.ModelName);
        Assert.NotNull(model.PrimaryContainer?.Image);
        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => alarms.SetAlarmStateAsync(new SetAlarmStateRequest("nope", "ALARM", "x"), ct));
        Assert.Equal("ResourceNotFound", refused.ErrorCode);
        Assert.Equal(404, refused.StatusCode);
        var duplicate = await Assert.ThrowsAsync<AwsServiceException>(() => SageMaker.CreateEndpointConfigAsync(
            new CreateEndpointConfigRequest("churn-prod-config-v7", [new ProductionVariant("AllTraffic", "churn-xgboost-2026-11", 1, "ml.m5.xlarge")]), ct));
        Assert.Equal("ValidationException", duplicate.ErrorCode);
        Assert.Contains("Cannot create already existing endpoint configuration", duplicate.Message, StringComparison.Ordinal);
    }
}
