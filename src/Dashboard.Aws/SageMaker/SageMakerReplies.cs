using Dashboard.Aws.Wire;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.SageMaker;

/// <summary>The members the SageMaker model marks required in the replies we read.</summary>
internal static class SageMakerReplies
{
    public static ListEndpointsResponse Check(ListEndpointsResponse reply) => reply with
    {
        Endpoints = ReplyShape.Require(reply.Endpoints, "Endpoints").Select(CheckSummary).ToList(),
    };

    public static DescribeEndpointResponse Check(DescribeEndpointResponse reply)
    {
        ReplyShape.RequireText(reply.EndpointName, "EndpointName");
        ReplyShape.RequireText(reply.EndpointArn, "EndpointArn");
        ReplyShape.RequireText(reply.EndpointStatus, "EndpointStatus");
        ReplyShape.Require(reply.CreationTime, "CreationTime");
        ReplyShape.Require(reply.LastModifiedTime, "LastModifiedTime");
        foreach (var variant in reply.ProductionVariants ?? [])
        {
            ReplyShape.RequireText(variant?.VariantName, "ProductionVariants[].VariantName");
        }
        return reply;
    }

    public static DescribeEndpointConfigResponse Check(DescribeEndpointConfigResponse reply)
    {
        ReplyShape.RequireText(reply.EndpointConfigName, "EndpointConfigName");
        ReplyShape.RequireText(reply.EndpointConfigArn, "EndpointConfigArn");
        ReplyShape.Require(reply.CreationTime, "CreationTime");
        foreach (var variant in ReplyShape.Require(reply.ProductionVariants, "ProductionVariants"))
        {
            ReplyShape.RequireText(variant?.VariantName, "ProductionVariants[].VariantName");
        }
        return reply;
    }

    public static UpdateEndpointWeightsAndCapacitiesResponse Check(UpdateEndpointWeightsAndCapacitiesResponse reply)
    {
        ReplyShape.RequireText(reply.EndpointArn, "EndpointArn");
        return reply;
    }

    public static ListModelsResponse Check(ListModelsResponse reply) => reply with
    {
        Models = ReplyShape.Require(reply.Models, "Models").Select(model =>
        {
            ReplyShape.RequireText(model?.ModelName, "Models[].ModelName");
            ReplyShape.RequireText(model!.ModelArn, "Models[].ModelArn");
            ReplyShape.Require(model.CreationTime, "Models[].CreationTime");
            return model;
        }).ToList(),
    };

    public static DescribeModelResponse Check(DescribeModelResponse reply)
    {
        ReplyShape.RequireText(reply.ModelName, "ModelName");
        ReplyShape.RequireText(reply.ModelArn, "ModelArn");
        ReplyShape.Require(reply.CreationTime, "CreationTime");
        return reply;
    }

    public static CreateEndpointConfigResponse Check(CreateEndpointConfigResponse reply)
    {
        ReplyShape.RequireText(reply.EndpointConfigArn, "EndpointConfigArn");
        return reply;
    }

    public static UpdateEndpointResponse Check(UpdateEndpointResponse reply)
    {
        ReplyShape.RequireText(reply.EndpointArn, "EndpointArn");
        return reply;
    }

    /// <summary>Tags is optional in the model: no member means no tags.</summary>
    public static ListTagsResponse Check(ListTagsResponse reply)
    {
        foreach (var tag in reply.Tags ?? [])
        {
            ReplyShape.RequireText(tag?.Key, "Tags[].Key");
        }
        return reply with { Tags = reply.Tags ?? [] };
    }

    private static EndpointSummary CheckSummary(EndpointSummary summary)
    {
        ReplyShape.RequireText(summary?.EndpointName, "Endpoints[].EndpointName");
        ReplyShape.RequireText(summary!.EndpointArn, "Endpoints[].EndpointArn");
        ReplyShape.RequireText(summary.EndpointStatus, "Endpoints[].EndpointStatus");
        ReplyShape.Require(summary.CreationTime, "Endpoints[].CreationTime");
        ReplyShape.Require(summary.LastModifiedTime, "Endpoints[].LastModifiedTime");
        return summary;
    }
}
