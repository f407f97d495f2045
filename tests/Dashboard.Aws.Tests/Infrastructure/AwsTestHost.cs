using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Connection;
using Dashboard.Core.S3;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Aws.Tests.Infrastructure;

/// <summary>The clients wired through the real registration, pointed at a <see cref="ScriptedAwsServer"/>.</summary>
public sealed class AwsTestHost : IDisposable
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "eu-west-1";

    /// <summary>No waiting between attempts, so retry tests run at full speed.</summary>
    public static readonly AwsRetryPolicy NoBackoff = new() { Jitter = () => 0 };

    private readonly ServiceProvider _provider;

    public AwsTestHost(ScriptedAwsServer server, Action<AwsOptions>? configure = null, TimeProvider? timeProvider = null,
        AwsRetryPolicy? retryPolicy = null, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
        // Registered first: AddAwsClients only adds these when missing.
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        services.AddSingleton(retryPolicy ?? NoBackoff);
        services.AddAwsClients(options =>
        {
            options.Region = Region;
            options.CloudWatchServiceUrl = server.Url;
            options.SageMakerServiceUrl = server.Url;
            options.S3ServiceUrl = server.Url;
            options.StsServiceUrl = server.Url;
            options.AccessKeyId = AccessKeyId;
            options.SecretAccessKey = SecretAccessKey;
            configure?.Invoke(options);
        });
        configureServices?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Every log record at every level, for tests that look for leaks (read as lines with LogLines).</summary>
    public FakeLogCollector Logs { get; } = new();

    public ICloudWatchClient CloudWatch => _provider.GetRequiredService<ICloudWatchClient>();

    public ICloudWatchAlarmsClient Alarms => _provider.GetRequiredService<ICloudWatchAlarmsClient>();

    public ISageMakerClient SageMaker => _provider.GetRequiredService<ISageMakerClient>();

    public IS3ObjectClient S3 => _provider.GetRequiredService<IS3ObjectClient>();

    public ICallerIdentityClient Identity => _provider.GetRequiredService<ICallerIdentityClient>();

    public AwsCallStats Stats => _provider.GetRequiredService<AwsCallStats>();

    public void Dispose() => _provider.Dispose();
}
