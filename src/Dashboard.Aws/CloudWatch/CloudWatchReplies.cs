using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.CloudWatch;

/// <summary>
/// Required members of CloudWatch replies, and empty lists for optional ones: JSON protocols may omit an
/// empty list, and callers should not have to tell "absent" from "empty".
/// </summary>
internal static class CloudWatchReplies
{
    public static ListMetricsResponse Check(ListMetricsResponse reply) => reply with
    {
        Metrics = (reply.Metrics ?? []).Select(CheckMetric).ToList(),
    };

    public static GetMetricDataResponse Check(GetMetricDataResponse reply) => reply with
    {
        MetricDataResults = ReplyShape.Require(reply.MetricDataResults, "MetricDataResults").Select(CheckResult).ToList(),
    };

    private static Metric CheckMetric(Metric metric) => metric with
    {
        Namespace = ReplyShape.RequireText(metric?.Namespace, "Metrics[].Namespace"),
        MetricName = ReplyShape.RequireText(metric!.MetricName, "Metrics[].MetricName"),
        Dimensions = metric.Dimensions ?? [],
    };

    private static MetricDataResult CheckResult(MetricDataResult result)
    {
        ReplyShape.RequireText(result?.Id, "MetricDataResults[].Id");
        ReplyShape.RequireText(result!.StatusCode, "MetricDataResults[].StatusCode");
        var timestamps = result.Timestamps ?? [];
        var values = result.Values ?? [];
        if (timestamps.Count != values.Count)
        {
            throw new MalformedReplyException(
                $"has {timestamps.Count} Timestamps but {values.Count} Values for MetricDataResults[{result.Id}]");
        }
        return result with { Timestamps = timestamps, Values = values };
    }
}
