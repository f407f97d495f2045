using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.S3;
using Dashboard.Aws.SageMaker;
using Dashboard.Aws.Sts;
using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Connection;
using Dashboard.Core.S3;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICloudWatchClient"/>, <see cref="ICloudWatchAlarmsClient"/>, <see cref="ISageMakerClient"/>
    /// <see cref="IS3ObjectClient"/> and <see cref="ICallerIdentityClient"/> bound to the "Aws" section.
    /// </summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<AwsOptions>().Bind(section);
        return services.AddAwsClients();
    }

    /// <summary>Registers the clients with options set in code (tests, the simulator host).</summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services, Action<AwsOptions> configure)
    {
        services.AddOptions<AwsOptions>().Configure(configure);
        return services.AddAwsClients();
    }

    /// <summary>Registers the clients; the AwsOptions are registered by the caller (the dashboard's settings).</summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services)
    {
        services.AddOptions<AwsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());
        services.TryAddSingleton<AwsEndpointResolver>();
        services.TryAddSingleton<AwsCredentialsSource>();
        services.TryAddSingleton<AwsRetryPolicy>();
        services.TryAddSingleton<AwsCallStats>();
        // The parameterless constructor: real-time token buckets with the default quota table.
        services.TryAddSingleton(_ => new AwsRateLimiter());
        services.TryAddSingleton(TimeProvider.System);

        foreach (var service in new[] { AwsServices.CloudWatch, AwsServices.SageMaker })
        {
            services.AddHttpClient(service.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
                // SigV4SigningHandler already owns an inner handler, so it must be the primary handler:
                // AddHttpMessageHandler would throw. The factory builds it on first use, not at start-up,
                // so the app starts without credentials.
                .ConfigurePrimaryHttpMessageHandler(provider =>
                    CreateSigningHandler(provider.GetRequiredService<IOptionsMonitor<AwsOptions>>().CurrentValue,
                        provider.GetRequiredService<AwsCredentialsSource>(), service));
        }

        // One CloudWatchClient behind both CloudWatch ports. Each port is registered with TryAdd, so a test or
        // host may still swap either one for a fake.
        services.TryAddSingleton(provider => new CloudWatchClient(CreateRpcClient(provider, AwsServices.CloudWatch)));
        services.TryAddSingleton<ICloudWatchClient>(provider => provider.GetRequiredService<CloudWatchClient>());
        services.TryAddSingleton<ICloudWatchAlarmsClient>(provider => provider.GetRequiredService<CloudWatchClient>());
        services.TryAddSingleton<ISageMakerClient>(provider =>
            new SageMakerClient(CreateRpcClient(provider, AwsServices.SageMaker)));
        services.TryAddSingleton<IS3ObjectClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<AwsOptions>>();
            var endpoints = provider.GetRequiredService<AwsEndpointResolver>();
            var credentials = provider.GetRequiredService<AwsCredentialsSource>();
            return new S3ObjectClient(() => S3ClientFactory.Create(options.CurrentValue, endpoints, credentials.Credentials),
                provider.GetRequiredService<AwsCallStats>(), provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<S3ObjectClient>>());
        });
        services.TryAddSingleton<ICallerIdentityClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<AwsOptions>>();
            var endpoints = provider.GetRequiredService<AwsEndpointResolver>();
            var credentials = provider.GetRequiredService<AwsCredentialsSource>();
            return new CallerIdentityClient(() => StsClientFactory.Create(options.CurrentValue, endpoints, credentials.Credentials),
                provider.GetRequiredService<AwsCallStats>(), provider.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    private static SigV4SigningHandler CreateSigningHandler(AwsOptions options, AwsCredentialsSource credentials,
        AwsServiceDescriptor service)
    {
        var parameters = new AWSSigV4Parameters
        {
            // Null means "resolve through DefaultAWSCredentialsIdentityResolver when signing", i.e. lazily and
            // with the SDK's caching and refresh of temporary credentials. With Aws:RoleArn, the shared assumed role.
            Credentials = credentials.Credentials,
            Region = RegionEndpoint.GetBySystemName(options.Region),
            Service = service.SigningName,
        };
        // Redirects would re-send a signed request to another host; AWS JSON APIs never redirect.
        return new SigV4SigningHandler(parameters, new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    private static AwsJsonRpcClient CreateRpcClient(IServiceProvider provider, AwsServiceDescriptor service) =>
        new(service,
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IOptionsMonitor<AwsOptions>>(),
            provider.GetRequiredService<AwsEndpointResolver>(),
            provider.GetRequiredService<AwsRetryPolicy>(),
            provider.GetRequiredService<AwsRateLimiter>(),
            provider.GetRequiredService<AwsCallStats>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<AwsJsonRpcClient>>());
}
