using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Core.Telemetry;

/// <summary>
/// The dashboard's own metrics and traces: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/>, and every instrument in one place so collectors, AWS clients and workers record into the same
/// names. Nothing is exported unless the host subscribes (section "Telemetry"); unobserved, an instrument's Add is a
/// check of a flag and an activity is not even created.
/// </summary>
public static class DashboardTelemetry
{
    /// <summary>The meter's and the activity source's name, for <c>AddMeter</c> / <c>AddSource</c>.</summary>
    public const string Name = "Dashboard";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Tracing = new(Name);

    /// <summary>Metric points written to storage by the metric collector.</summary>
    public static readonly Counter<long> PointsIngested = Meter.CreateCounter<long>("dashboard.points.ingested", "{point}",
        "Metric points written to storage by the metric collector.");

    /// <summary>How long one poll round of a source took, tagged <c>source</c> (SageMaker, CloudWatch) and <c>outcome</c>.</summary>
    public static readonly Histogram<double> PollDuration = Meter.CreateHistogram("dashboard.poll.duration", "s",
        "Duration of one poll round of a source.", tags: null,
        // Seconds, from a quick poll to a first start's backfill (the SDK's default buckets are for milliseconds).
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });

    /// <summary>Logical AWS calls (not attempts), tagged <c>aws.service</c> and <c>aws.operation</c>.</summary>
    public static readonly Counter<long> AwsCalls = Meter.CreateCounter<long>("dashboard.aws.calls", "{call}",
        "Logical AWS calls, retries not counted.");

    /// <summary>Extra attempts after a retryable error, tagged like <see cref="AwsCalls"/>.</summary>
    public static readonly Counter<long> AwsRetries = Meter.CreateCounter<long>("dashboard.aws.retries", "{attempt}",
        "Extra attempts of AWS calls after a retryable error.");

    /// <summary>Attempts AWS answered with a throttling error, tagged like <see cref="AwsCalls"/>.</summary>
    public static readonly Counter<long> AwsThrottles = Meter.CreateCounter<long>("dashboard.aws.throttles", "{attempt}",
        "AWS attempts refused with a throttling error.");

    /// <summary>AWS calls that ended in an error, tagged like <see cref="AwsCalls"/> plus <c>error.type</c> (the AWS error code).</summary>
    public static readonly Counter<long> AwsFailures = Meter.CreateCounter<long>("dashboard.aws.failures", "{call}",
        "AWS calls that ended in an error after their retries.");

    /// <summary>Webhook delivery attempts, tagged <c>status</c>: Delivered, Pending (will be retried) or Failed.</summary>
    public static readonly Counter<long> WebhookAttempts = Meter.CreateCounter<long>("dashboard.webhook.attempts", "{attempt}",
        "Webhook delivery attempts by their outcome.");

    /// <summary>Blazor Server circuits (one per open browser tab) this process holds.</summary>
    public static readonly UpDownCounter<long> CircuitsOpen = Meter.CreateUpDownCounter<long>("dashboard.circuits.open", "{circuit}",
        "Interactive Blazor Server circuits open in this process.");

    /// <summary>
    /// Times this process took or lost the worker lease, tagged <c>change</c> = acquired | lost; recorded by the lease
    /// implementation.
    /// </summary>
    public static readonly Counter<long> LeaseChanges = Meter.CreateCounter<long>("dashboard.lease.changes", "{change}",
        "Times this process acquired or lost the worker lease.");

    /// <summary>The webhook queue's length as the dispatcher last saw it (<see cref="ReportWebhookDeliveriesDue"/>).</summary>
    public static readonly ObservableGauge<long> WebhookDeliveriesDue = Meter.CreateObservableGauge("dashboard.webhook.deliveries.due",
        () => Interlocked.Read(ref s_webhookDeliveriesDue), "{delivery}",
        "Webhook deliveries the last dispatch round found due.");

    private static long s_webhookDeliveriesDue;

    /// <summary>What the webhook dispatcher found due in its last round; read by the queue-length gauge.</summary>
    public static void ReportWebhookDeliveriesDue(long due) => Interlocked.Exchange(ref s_webhookDeliveriesDue, due);

    /// <summary>Tags of the AWS instruments for one operation.</summary>
    public static TagList AwsTags(string service, string operation) => new()
    {
        { "aws.service", service },
        { "aws.operation", operation },
    };
}
