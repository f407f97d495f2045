using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Connection;

/// <summary>One cheap read from a service and what it said, in plain words.</summary>
public sealed record ServiceCheck(string Service, bool Ok, string Result);

/// <summary>Who the credentials are, or why that could not be asked.</summary>
public sealed record IdentityCheck(CallerIdentity? Identity, string? Problem)
{
    public string Text => Identity is { } id ? $"account {id.Account}, {id.Arn}" : Problem ?? "";
}

/// <summary>
/// What the Connection page asks: who the credentials are, one cheap read from each service, and what polling at the
/// current settings costs. Pages never call AWS clients or read collectors themselves.
/// </summary>
public sealed class ConnectionTester(
    ISageMakerClient sageMaker,
    ICloudWatchClient cloudWatch,
    ICallerIdentityClient identity,
    MetricCollector metrics,
    LiveStore live,
    IOptions<CollectorOptions> collectors)
{
    /// <summary>sts:GetCallerIdentity, which needs no permission.</summary>
    public async Task<IdentityCheck> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return new IdentityCheck(await identity.GetCallerIdentityAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new IdentityCheck(null, ConnectionProblem.Describe(ex, "sts:GetCallerIdentity"));
        }
    }

    public async Task<IReadOnlyList<ServiceCheck>> TestAsync(CancellationToken cancellationToken = default) =>
    [
        await CheckAsync("SageMaker", "sagemaker:ListEndpoints",
            async () => $"reachable, {(await sageMaker.ListEndpointsAsync(new ListEndpointsRequest(MaxResults: 1), cancellationToken)).Endpoints.Count} endpoint(s) on the first page"),
        await CheckAsync("CloudWatch", "cloudwatch:ListMetrics",
            async () => $"reachable, {(await cloudWatch.ListMetricsAsync(new ListMetricsRequest(Namespace: SageMakerMetrics.InvocationNamespace), cancellationToken)).Metrics.Count} SageMaker metric(s) on the first page"),
    ];

    public CostProjection ProjectCost() => CostProjection.For(metrics.Series, CadenceInputs.From(live), collectors.Value);

    private static async Task<ServiceCheck> CheckAsync(string service, string action, Func<Task<string>> read)
    {
        try
        {
            return new ServiceCheck(service, true, await read());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ServiceCheck(service, false, ConnectionProblem.Describe(ex, action));
        }
    }
}
