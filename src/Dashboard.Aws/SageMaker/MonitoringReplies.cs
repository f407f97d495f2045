using Dashboard.Aws.Wire;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.SageMaker;

/// <summary>The members the SageMaker model marks required in the Model Monitor and processing-job replies.</summary>
internal static class MonitoringReplies
{
    public static ListMonitoringSchedulesResponse Check(ListMonitoringSchedulesResponse reply) => reply with
    {
        MonitoringScheduleSummaries = ReplyShape.Require(reply.MonitoringScheduleSummaries, "MonitoringScheduleSummaries").Select(summary =>
        {
            ReplyShape.RequireText(summary?.MonitoringScheduleName, "MonitoringScheduleSummaries[].MonitoringScheduleName");
            ReplyShape.RequireText(summary!.MonitoringScheduleArn, "MonitoringScheduleSummaries[].MonitoringScheduleArn");
            ReplyShape.RequireText(summary.MonitoringScheduleStatus, "MonitoringScheduleSummaries[].MonitoringScheduleStatus");
            ReplyShape.Require(summary.CreationTime, "MonitoringScheduleSummaries[].CreationTime");
            ReplyShape.Require(summary.LastModifiedTime, "MonitoringScheduleSummaries[].LastModifiedTime");
            return summary;
        }).ToList(),
    };

    public static DescribeMonitoringScheduleResponse Check(DescribeMonitoringScheduleResponse reply)
    {
        ReplyShape.RequireText(reply.MonitoringScheduleArn, "MonitoringScheduleArn");
        ReplyShape.RequireText(reply.MonitoringScheduleName, "MonitoringScheduleName");
        ReplyShape.RequireText(reply.MonitoringScheduleStatus, "MonitoringScheduleStatus");
        ReplyShape.Require(reply.CreationTime, "CreationTime");
        ReplyShape.Require(reply.LastModifiedTime, "LastModifiedTime");
        ReplyShape.Require(reply.MonitoringScheduleConfig, "MonitoringScheduleConfig");
        if (reply.LastMonitoringExecutionSummary is { } last)
        {
            Check(last, "LastMonitoringExecutionSummary.");
        }
        return reply;
    }

    public static ListMonitoringExecutionsResponse Check(ListMonitoringExecutionsResponse reply) => reply with
    {
        MonitoringExecutionSummaries = ReplyShape.Require(reply.MonitoringExecutionSummaries, "MonitoringExecutionSummaries")
            .Select(summary => Check(summary, "MonitoringExecutionSummaries[].")).ToList(),
    };

    public static DescribeProcessingJobResponse Check(DescribeProcessingJobResponse reply)
    {
        ReplyShape.RequireText(reply.ProcessingJobName, "ProcessingJobName");
        ReplyShape.RequireText(reply.ProcessingJobArn, "ProcessingJobArn");
        ReplyShape.RequireText(reply.ProcessingJobStatus, "ProcessingJobStatus");
        ReplyShape.Require(reply.ProcessingResources, "ProcessingResources");
        ReplyShape.Require(reply.AppSpecification, "AppSpecification");
        ReplyShape.Require(reply.CreationTime, "CreationTime");
        return reply;
    }

    private static MonitoringExecutionSummary Check(MonitoringExecutionSummary? summary, string path)
    {
        ReplyShape.RequireText(summary?.MonitoringScheduleName, path + "MonitoringScheduleName");
        ReplyShape.RequireText(summary!.MonitoringExecutionStatus, path + "MonitoringExecutionStatus");
        ReplyShape.Require(summary.ScheduledTime, path + "ScheduledTime");
        ReplyShape.Require(summary.CreationTime, path + "CreationTime");
        ReplyShape.Require(summary.LastModifiedTime, path + "LastModifiedTime");
        return summary;
    }
}
