using Dashboard.Aws.Wire;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.SageMaker;

/// <summary>
/// The Pipelines replies: the model marks none of their members required, so a missing list reads as empty; the names,
/// ARNs and statuses the dashboard cannot do without (and SageMaker always sends) are checked.
/// </summary>
internal static class PipelineReplies
{
    public static ListPipelinesResponse Check(ListPipelinesResponse reply) => reply with
    {
        PipelineSummaries = (reply.PipelineSummaries ?? []).Select(summary =>
        {
            ReplyShape.RequireText(summary?.PipelineName, "PipelineSummaries[].PipelineName");
            ReplyShape.RequireText(summary!.PipelineArn, "PipelineSummaries[].PipelineArn");
            return summary;
        }).ToList(),
    };

    public static DescribePipelineResponse Check(DescribePipelineResponse reply)
    {
        ReplyShape.RequireText(reply.PipelineName, "PipelineName");
        ReplyShape.RequireText(reply.PipelineArn, "PipelineArn");
        return reply;
    }

    public static StartPipelineExecutionResponse Check(StartPipelineExecutionResponse reply)
    {
        ReplyShape.RequireText(reply.PipelineExecutionArn, "PipelineExecutionArn");
        return reply;
    }

    public static DescribePipelineExecutionResponse Check(DescribePipelineExecutionResponse reply)
    {
        ReplyShape.RequireText(reply.PipelineExecutionArn, "PipelineExecutionArn");
        ReplyShape.RequireText(reply.PipelineExecutionStatus, "PipelineExecutionStatus");
        return reply;
    }

    public static ListPipelineExecutionsResponse Check(ListPipelineExecutionsResponse reply) => reply with
    {
        PipelineExecutionSummaries = (reply.PipelineExecutionSummaries ?? []).Select(summary =>
        {
            ReplyShape.RequireText(summary?.PipelineExecutionArn, "PipelineExecutionSummaries[].PipelineExecutionArn");
            ReplyShape.RequireText(summary!.PipelineExecutionStatus, "PipelineExecutionSummaries[].PipelineExecutionStatus");
            return summary;
        }).ToList(),
    };

    public static ListPipelineExecutionStepsResponse Check(ListPipelineExecutionStepsResponse reply) => reply with
    {
        PipelineExecutionSteps = (reply.PipelineExecutionSteps ?? []).Select(step =>
        {
            ReplyShape.RequireText(step?.StepName, "PipelineExecutionSteps[].StepName");
            ReplyShape.RequireText(step!.StepStatus, "PipelineExecutionSteps[].StepStatus");
            return step;
        }).ToList(),
    };
}
