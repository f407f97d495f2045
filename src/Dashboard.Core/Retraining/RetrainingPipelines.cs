using Dashboard.Core.Drift;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Retraining;

/// <summary>An endpoint's retraining pipeline, its parameters from the definition, and which tag named it.</summary>
public sealed record RetrainingPipeline(string Name, string Arn, IReadOnlyList<PipelineParameterDefinition> Parameters, string FoundBy);

/// <summary>
/// Which pipeline retrains an endpoint. The endpoint's tag <c>dashboard:retraining-pipeline</c> names it; without that
/// tag, the one pipeline tagged <c>endpoint=&lt;endpoint name&gt;</c> is it. Several pipelines so tagged and no endpoint
/// tag choose none (the endpoint tag must then say which). Called on demand (the form, a proposal), never by a page render.
/// </summary>
public sealed class RetrainingPipelines(ISageMakerClient sageMaker, DriftSources sources, DriftReadBoard board)
{
    public const string PipelineEndpointTag = "endpoint";

    /// <summary>ListPipelines pages read at most when looking for the endpoint tag on pipelines.</summary>
    private const int MaxPipelinePages = 10;

    /// <summary>The endpoint's pipeline, or null with why none was found.</summary>
    /// <exception cref="AwsServiceException">SageMaker could not be asked.</exception>
    public async Task<(RetrainingPipeline? Pipeline, string? Missing)> FindAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        var named = board.SourceOf(endpoint)?.RetrainingPipeline ?? (await sources.FindAsync(endpoint, cancellationToken)).RetrainingPipeline;
        if (named is not null)
        {
            return (await DescribeAsync(named, $"the endpoint's tag {DriftSources.PipelineTag}", cancellationToken), null);
        }
        var tagged = new List<PipelineSummary>();
        string? token = null;
        for (var page = 0; page < MaxPipelinePages; page++)
        {
            var response = await sageMaker.ListPipelinesAsync(new ListPipelinesRequest { NextToken = token, MaxResults = 100 }, cancellationToken);
            foreach (var pipeline in response.PipelineSummaries)
            {
                var tags = await sageMaker.ListTagsAsync(new ListTagsRequest(pipeline.PipelineArn), cancellationToken);
                if (tags.Tags?.Any(t => t.Key == PipelineEndpointTag && t.Value == endpoint) == true)
                {
                    tagged.Add(pipeline);
                }
            }
            if ((token = response.NextToken) is null)
            {
                break;
            }
        }
        return tagged.Count switch
        {
            1 => (await DescribeAsync(tagged[0].PipelineName, $"the pipeline's tag {PipelineEndpointTag}={endpoint}", cancellationToken), null),
            0 => (null, $"No pipeline retrains {endpoint}: tag the endpoint {DriftSources.PipelineTag}=<pipeline name>, or the pipeline {PipelineEndpointTag}={endpoint}."),
            _ => (null, $"{tagged.Count} pipelines are tagged {PipelineEndpointTag}={endpoint} ({string.Join(", ", tagged.Select(p => p.PipelineName))}); "
                + $"tag the endpoint {DriftSources.PipelineTag}=<pipeline name> to say which."),
        };
    }

    private async Task<RetrainingPipeline> DescribeAsync(string name, string foundBy, CancellationToken cancellationToken)
    {
        var described = await sageMaker.DescribePipelineAsync(new DescribePipelineRequest(name), cancellationToken);
        IReadOnlyList<PipelineParameterDefinition> parameters;
        try
        {
            parameters = described.PipelineDefinition is { } definition ? PipelineDefinitionParameters.Parse(definition) : [];
        }
        catch (FormatException)
        {
            parameters = []; // an unreadable definition: the run takes the pipeline's own defaults
        }
        return new RetrainingPipeline(described.PipelineName, described.PipelineArn, parameters, foundBy);
    }
}
