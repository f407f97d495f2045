namespace Dashboard.Core.CloudWatch;

/// <summary>
/// The CloudWatch operations the collectors call. One call is one request on the wire (no hidden pagination);
/// faults surface as <see cref="Dashboard.Core.AwsServiceException"/> after the client's own retries.
/// </summary>
public interface ICloudWatchClient
{
    Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken = default);

    Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default);
}
