using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// The endpoint tags that tell the dashboard where an endpoint's data lives (ListTags): its ground truth, what kind of
/// model it serves, and the pipeline that retrains it.
/// </summary>
public static class DashboardTags
{
    public const string GroundTruthUri = "dashboard:ground-truth-s3-uri";
    public const string ProblemType = "dashboard:problem-type";
    public const string RetrainingPipeline = "dashboard:retraining-pipeline";

    public static IEnumerable<ResourceTag> For(EndpointProfile endpoint, string bucket)
    {
        if (endpoint is not { Capture: { GroundTruth: true } capture, DataCaptureSamplingPercent: not null })
        {
            yield break;
        }
        yield return new ResourceTag(GroundTruthUri, $"s3://{bucket}/{S3Catalog.GroundTruthPrefix(endpoint.Name)}");
        yield return new ResourceTag(ProblemType, capture.Outcome.Problem.ToString());
        if (capture.RetrainingPipeline is { } pipeline)
        {
            yield return new ResourceTag(RetrainingPipeline, pipeline);
        }
    }
}
