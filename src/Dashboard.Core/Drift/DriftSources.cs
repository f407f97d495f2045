using Dashboard.Core.Drift.Quality;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Drift;

/// <summary>Where an endpoint's data is: its capture destination, its labels, what kind of model it is and its retraining pipeline.</summary>
public sealed record DriftSource(string Endpoint, S3Uri? Capture, S3Uri? GroundTruth, ProblemType? ProblemType, string? RetrainingPipeline);

/// <summary>
/// Finds each endpoint's sources: the capture destination from DescribeEndpoint's DataCaptureConfig; the ground truth,
/// problem type and retraining pipeline from the endpoint's tags (<see cref="GroundTruthTag"/>, <see cref="ProblemTypeTag"/>,
/// <see cref="PipelineTag"/>), so pointing the dashboard at them is a tag on the endpoint, not a setting here.
/// </summary>
public sealed class DriftSources(ISageMakerClient sageMaker)
{
    public const string GroundTruthTag = "dashboard:ground-truth-s3-uri";
    public const string ProblemTypeTag = "dashboard:problem-type";
    public const string PipelineTag = "dashboard:retraining-pipeline";

    public async Task<DriftSource> FindAsync(string endpoint, CancellationToken cancellationToken)
    {
        var described = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(endpoint), cancellationToken);
        var capture = described.DataCaptureConfig is { EnableCapture: true } config ? S3Uri.TryParse(config.DestinationS3Uri) : null;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await sageMaker.ListTagsAsync(new ListTagsRequest(described.EndpointArn, token), cancellationToken);
            foreach (var tag in page.Tags ?? [])
            {
                tags[tag.Key] = tag.Value;
            }
            token = page.NextToken;
        }
        while (token is not null);
        ProblemType? type = tags.GetValueOrDefault(ProblemTypeTag) switch
        {
            "BinaryClassification" => ProblemType.BinaryClassification,
            "Regression" => ProblemType.Regression,
            _ => null,
        };
        return new DriftSource(endpoint, capture, S3Uri.TryParse(tags.GetValueOrDefault(GroundTruthTag)), type, tags.GetValueOrDefault(PipelineTag));
    }
}
