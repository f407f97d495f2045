using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.SageMaker;

/// <summary>Model Monitor: schedules, their executions, and the processing job behind each execution.</summary>
public sealed partial class SageMakerClient
{
    public Task<ListMonitoringSchedulesResponse> ListMonitoringSchedulesAsync(ListMonitoringSchedulesRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListMonitoringSchedulesRequest, ListMonitoringSchedulesResponse>("ListMonitoringSchedules", request,
            MonitoringReplies.Check, cancellationToken);

    public Task<DescribeMonitoringScheduleResponse> DescribeMonitoringScheduleAsync(DescribeMonitoringScheduleRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeMonitoringScheduleRequest, DescribeMonitoringScheduleResponse>("DescribeMonitoringSchedule", request,
            MonitoringReplies.Check, cancellationToken);

    public Task<ListMonitoringExecutionsResponse> ListMonitoringExecutionsAsync(ListMonitoringExecutionsRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListMonitoringExecutionsRequest, ListMonitoringExecutionsResponse>("ListMonitoringExecutions", request,
            MonitoringReplies.Check, cancellationToken);

    public Task<DescribeProcessingJobResponse> DescribeProcessingJobAsync(DescribeProcessingJobRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeProcessingJobRequest, DescribeProcessingJobResponse>("DescribeProcessingJob", request,
            MonitoringReplies.Check, cancellationToken);
}
