using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.CloudWatch;

/// <summary>CloudWatch over awsJson 1.0 (the protocol botocore and the JS SDK choose for it).</summary>
public sealed class CloudWatchClient : ICloudWatchClient
{
    private readonly AwsJsonRpcClient _rpc;

    internal CloudWatchClient(AwsJsonRpcClient rpc) => _rpc = rpc;

    public Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListMetricsRequest, ListMetricsResponse>("ListMetrics", request, CloudWatchReplies.Check, cancellationToken);

    public Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<GetMetricDataRequest, GetMetricDataResponse>("GetMetricData", request, CloudWatchReplies.Check, cancellationToken);
}
