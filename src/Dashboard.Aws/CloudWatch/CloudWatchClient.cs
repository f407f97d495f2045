using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.CloudWatch;

/// <summary>
/// CloudWatch over awsJson 1.0 (the protocol botocore and the JS SDK choose for it). One instance serves both
/// ports, so metric reads and alarm calls share one HTTP client, retry policy and rate limiter.
/// </summary>
public sealed class CloudWatchClient : ICloudWatchClient, ICloudWatchAlarmsClient
{
    private readonly AwsJsonRpcClient _rpc;

    internal CloudWatchClient(AwsJsonRpcClient rpc) => _rpc = rpc;

    public Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListMetricsRequest, ListMetricsResponse>("ListMetrics", request, CloudWatchReplies.Check, cancellationToken);

    public Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<GetMetricDataRequest, GetMetricDataResponse>("GetMetricData", request, CloudWatchReplies.Check, cancellationToken);

    public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("PutMetricAlarm", request, cancellationToken);

    public Task PutCompositeAlarmAsync(PutCompositeAlarmRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("PutCompositeAlarm", request, cancellationToken);

    public Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeAlarmsRequest, DescribeAlarmsResponse>("DescribeAlarms", request, AlarmReplies.Check, cancellationToken);

    public Task<DescribeAlarmHistoryResponse> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeAlarmHistoryRequest, DescribeAlarmHistoryResponse>("DescribeAlarmHistory", request,
            AlarmReplies.Check, cancellationToken);

    public Task DeleteAlarmsAsync(DeleteAlarmsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("DeleteAlarms", request, cancellationToken);

    public Task SetAlarmStateAsync(SetAlarmStateRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync("SetAlarmState", request, cancellationToken);
}
