using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.S3;
using Dashboard.Aws.SageMaker;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.S3;
using Dashboard.Core.SageMaker;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Aws.Tests;

public sealed class RegistrationTests : IAsyncLifetime
{
    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(AwsOptions.SectionName);

    [Fact]
    public void AddAwsClients_ConfigurationSection_BindsEveryKey()
    {
        var services = new ServiceCollection().AddAwsClients(Section(new()
        {
            ["Aws:Region"] = "eu-central-1",
            ["Aws:CloudWatchServiceUrl"] = "http://127.0.0.1:5080",
            ["Aws:SageMakerServiceUrl"] = "http://127.0.0.1:5081",
            ["Aws:S3ServiceUrl"] = "http://127.0.0.1:5082",
            ["Aws:AccessKeyId"] = "AKIDSIM",
            ["Aws:SecretAccessKey"] = "simsecret",
            ["Aws:RequestTimeout"] = "00:00:05",
            ["Aws:MaxAttempts"] = "5",
        }));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AwsOptions>>().Value;

        Assert.Equal("eu-central-1", options.Region);
        Assert.Equal("http://127.0.0.1:5080", options.CloudWatchServiceUrl);
        Assert.Equal("http://127.0.0.1:5081", options.SageMakerServiceUrl);
        Assert.Equal("http://127.0.0.1:5082", options.S3ServiceUrl);
        Assert.Equal("AKIDSIM", options.AccessKeyId);
        Assert.Equal("simsecret", options.SecretAccessKey);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RequestTimeout);
        Assert.Equal(5, options.MaxAttempts);
    }

    [Fact]
    public void AddAwsClients_InvalidSection_ValidationFailureNamesKey()
    {
        var services = new ServiceCollection().AddAwsClients(Section(new() { ["Aws:Region"] = "Europe" }));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AwsOptions>>().Value);

        Assert.Contains("Aws:Region 'Europe'", error.Message);
    }

    [Fact]
    public void AddAwsClients_NoCredentialsAnywhere_ClientsResolveWithoutTouchingTheChain()
    {
        var services = new ServiceCollection().AddAwsClients(Section(new()));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var cloudWatch = Assert.IsType<CloudWatchClient>(provider.GetRequiredService<ICloudWatchClient>());
        Assert.Same(cloudWatch, provider.GetRequiredService<ICloudWatchAlarmsClient>());
        Assert.IsType<SageMakerClient>(provider.GetRequiredService<ISageMakerClient>());
        Assert.IsType<S3ObjectClient>(provider.GetRequiredService<IS3ObjectClient>());
        Assert.Same(provider.GetRequiredService<AwsRateLimiter>(), provider.GetRequiredService<AwsRateLimiter>());
        Assert.Same(provider.GetRequiredService<AwsCallStats>(), provider.GetRequiredService<AwsCallStats>());
    }

    [Fact]
    public async Task FailedAndRetriedCalls_Logs_NeverContainTheSecret()
    {
        _server.Enqueue(
            ScriptedReply.Error(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
            ScriptedReply.Error(400, """{"__type":"ValidationException","message":"bad"}"""));
        using var host = new AwsTestHost(_server);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), TestContext.Current.CancellationToken));

        Assert.NotEmpty(host.Logs.Lines);
        Assert.Contains(host.Logs.Lines, line => line.Contains("retrying", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(AwsTestHost.SecretAccessKey, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("Signature=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallStats_SeveralOperations_SnapshotListsEachOnce()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"Metrics":[]}"""), ScriptedReply.Ok("""{"Metrics":[]}"""),
            ScriptedReply.Ok("""{"Endpoints":[]}""", "application/x-amz-json-1.1"));
        using var host = new AwsTestHost(_server);
        var ct = TestContext.Current.CancellationToken;

        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), ct);
        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), ct);
        await host.SageMaker.ListEndpointsAsync(new ListEndpointsRequest(), ct);

        Assert.Equal(
            [("CloudWatch", "ListMetrics", 2L), ("SageMaker", "ListEndpoints", 1L)],
            host.Stats.Snapshot().Select(s => (s.Service, s.Operation, s.Calls)).ToList());
    }
}
