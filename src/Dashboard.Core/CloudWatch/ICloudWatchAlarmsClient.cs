namespace Dashboard.Core.CloudWatch;

/// <summary>
/// The CloudWatch alarm operations, apart from <see cref="ICloudWatchClient"/> so that metric readers and their
/// fakes do not have to know about alarms. One call is one request (no hidden pagination); faults surface as
/// <see cref="Dashboard.Core.AwsServiceException"/> after the client's own retries.
/// </summary>
public interface ICloudWatchAlarmsClient
{
    /// <summary>Creates or overwrites (keeping the state) a metric alarm.</summary>
    Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates or overwrites a composite alarm.</summary>
    Task PutCompositeAlarmAsync(PutCompositeAlarmRequest request, CancellationToken cancellationToken = default);

    Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeAlarmHistoryResponse> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the named alarms. AWS deletes the valid names even when others are unknown, yet the model declares
    /// ResourceNotFound and ResourceConflict, so callers must expect both codes.
    /// </summary>
    Task DeleteAlarmsAsync(DeleteAlarmsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets an alarm's state until its next evaluation (actions fire); the dashboard uses it to make SageMaker roll back.</summary>
    Task SetAlarmStateAsync(SetAlarmStateRequest request, CancellationToken cancellationToken = default);
}
