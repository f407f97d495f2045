using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.CloudWatch;

/// <summary>
/// Alarm replies: absent lists become empty ones (JSON protocols may omit them), and every alarm or history item
/// must at least name its alarm, which is what callers key on.
/// </summary>
internal static class AlarmReplies
{
    public static DescribeAlarmsResponse Check(DescribeAlarmsResponse reply) => reply with
    {
        MetricAlarms = (reply.MetricAlarms ?? []).Select(alarm =>
        {
            ReplyShape.RequireText(alarm?.AlarmName, "MetricAlarms[].AlarmName");
            return alarm!;
        }).ToList(),
        CompositeAlarms = (reply.CompositeAlarms ?? []).Select(alarm =>
        {
            ReplyShape.RequireText(alarm?.AlarmName, "CompositeAlarms[].AlarmName");
            return alarm!;
        }).ToList(),
    };

    public static DescribeAlarmHistoryResponse Check(DescribeAlarmHistoryResponse reply) => reply with
    {
        AlarmHistoryItems = (reply.AlarmHistoryItems ?? []).Select(CheckItem).ToList(),
    };

    private static AlarmHistoryItem CheckItem(AlarmHistoryItem item)
    {
        ReplyShape.RequireText(item?.AlarmName, "AlarmHistoryItems[].AlarmName");
        ReplyShape.Require(item!.Timestamp, "AlarmHistoryItems[].Timestamp");
        return item;
    }
}
