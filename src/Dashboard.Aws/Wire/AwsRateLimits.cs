using System.Threading.RateLimiting;

namespace Dashboard.Aws.Wire;

/// <summary>
/// The client-side budget of one operation, derived from the service's default quota: a sustained rate of 80 % of
/// it (rounded down, at least 1/s) and a burst of the remaining 20 % (at least 1), so even the busiest second stays
/// within the quota.
/// </summary>
public sealed record AwsRateLimit(string Service, string Operation, int QuotaPerSecond)
{
    public int PermitsPerSecond { get; } = Math.Max(1, QuotaPerSecond * 4 / 5);

    public int Burst => Math.Max(1, QuotaPerSecond - PermitsPerSecond);
}

/// <summary>
/// Default per-operation quotas (requests per second, per account and region) the clients stay under. Constants
/// rather than options: they change only when AWS changes its defaults, and a raised quota is rare enough to be
/// a code change. To replace the whole limiter (tests, a simulator host), register an
/// <see cref="AwsRateLimiter"/> before calling AddAwsClients.
/// </summary>
public static class AwsRateLimits
{
    /// <summary>Unlisted operations get the smallest quota in the table: adding an operation means adding its row.</summary>
    public const int FallbackQuotaPerSecond = 3;

    private static readonly Dictionary<(string Service, string Operation), int> Quotas = new()
    {
        // CloudWatch, from the quota table of the CloudWatch user guide (cloudwatch_limits.md).
        [("CloudWatch", "GetMetricData")] = 50,
        [("CloudWatch", "ListMetrics")] = 25,
        [("CloudWatch", "DescribeAlarms")] = 9,
        [("CloudWatch", "DescribeAlarmHistory")] = 3,
        // PutMetricAlarm is documented at 3/s; PutCompositeAlarm and DeleteAlarms are assumed to share it.
        [("CloudWatch", "PutMetricAlarm")] = 3,
        [("CloudWatch", "PutCompositeAlarm")] = 3,
        [("CloudWatch", "DeleteAlarms")] = 3,
        // SageMaker publishes no per-API rate table; 10/s for List*/Describe* is an assumption (unverified).
        [("SageMaker", "ListEndpoints")] = 10,
        [("SageMaker", "DescribeEndpoint")] = 10,
        [("SageMaker", "DescribeEndpointConfig")] = 10,
        [("SageMaker", "ListMonitoringSchedules")] = 10,
        [("SageMaker", "DescribeMonitoringSchedule")] = 10,
        [("SageMaker", "ListMonitoringExecutions")] = 10,
        [("SageMaker", "DescribeProcessingJob")] = 10,
        [("SageMaker", "ListPipelines")] = 10,
        [("SageMaker", "DescribePipeline")] = 10,
        [("SageMaker", "DescribePipelineExecution")] = 10,
        [("SageMaker", "ListPipelineExecutions")] = 10,
        [("SageMaker", "ListPipelineExecutionSteps")] = 10,
        // A person approving a traffic change or a retraining run: rare, so the smallest quota is plenty (also unverified).
        [("SageMaker", "UpdateEndpointWeightsAndCapacities")] = 3,
        [("SageMaker", "StartPipelineExecution")] = 3,
    };

    public static IReadOnlyCollection<AwsRateLimit> All =>
        Quotas.Select(pair => new AwsRateLimit(pair.Key.Service, pair.Key.Operation, pair.Value)).ToList();

    public static AwsRateLimit For(string service, string operation) =>
        new(service, operation, Quotas.GetValueOrDefault((service, operation), FallbackQuotaPerSecond));

    /// <summary>
    /// A token bucket that refills on the runtime's own timer, i.e. in real time: the quota is enforced by AWS's
    /// clock, and a fake <see cref="TimeProvider"/> in tests must not stall calls. Refills come in steps of at
    /// most a tenth of a second's worth, never more than the burst, so no permit is lost to the cap.
    /// </summary>
    public static RateLimiter CreateTokenBucket(AwsRateLimit limit)
    {
        var tokensPerPeriod = Math.Clamp(limit.PermitsPerSecond / 10, 1, limit.Burst);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)tokensPerPeriod / limit.PermitsPerSecond),
            AutoReplenishment = true,
            // Callers wait for their turn instead of failing; cancellation is the only way out of the queue.
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }
}
