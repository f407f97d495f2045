using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker;

/// <summary>ListModels and DescribeModel over the account's models (<see cref="ModelCatalog"/>), as of "now".</summary>
public sealed class ModelOperations(FleetScenario scenario, IOptions<SimulatorOptions> options, TimeProvider timeProvider) : IAwsOperations
{
    private readonly string _region = options.Value.Region;
    private readonly string _accountId = options.Value.AccountId;

    public void Register(AwsDispatcher dispatcher)
    {
        dispatcher.Add<ListModelsRequest, ListModelsResponse>(AwsService.SageMaker, "ListModels", ListModels);
        dispatcher.Add<DescribeModelRequest, DescribeModelResponse>(AwsService.SageMaker, "DescribeModel", DescribeModel);
    }

    public string Arn(string name) => $"arn:aws:sagemaker:{_region}:{_accountId}:model/{name.ToLowerInvariant()}";

    public ListModelsResponse ListModels(ListModelsRequest request)
    {
        var maxResults = request.MaxResults ?? 10;
        SageMakerValidation.Range(maxResults, "maxResults", 1, 100);
        SageMakerValidation.RequireOneOf(request.SortBy, "sortBy", "Name", "CreationTime");
        SageMakerValidation.RequireOneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
        if (request.NameContains is { } contains && (contains.Length is 0 or > 63 || !contains.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw SageMakerValidation.Constraint(contains, "nameContains", "Member must satisfy regular expression pattern: [a-zA-Z0-9-]+");
        }
        var fingerprint = PageToken.Fingerprint(request.SortBy, request.SortOrder, request.NameContains);
        var offset = 0;
        if (request.NextToken is { } token)
        {
            if (!PageToken.TryDecode<ListCursor>(token, out var cursor) || cursor!.F != fingerprint || cursor.O < 0)
            {
                throw SageMakerValidation.Error("Invalid pagination token because the token is not valid or has expired.");
            }
            offset = cursor.O;
        }

        var now = timeProvider.GetUtcNow();
        var matching = scenario.Models
            .Where(m => m.CreationTime <= now)
            .Where(m => request.NameContains is null || m.Name.Contains(request.NameContains, StringComparison.OrdinalIgnoreCase));
        var descending = request.SortOrder != "Ascending";
        // Ties fall back to the name so pages never overlap.
        var ordered = (request.SortBy == "Name"
                ? descending ? matching.OrderByDescending(m => m.Name, StringComparer.Ordinal) : matching.OrderBy(m => m.Name, StringComparer.Ordinal)
                : descending ? matching.OrderByDescending(m => m.CreationTime).ThenBy(m => m.Name, StringComparer.Ordinal)
                    : matching.OrderBy(m => m.CreationTime).ThenBy(m => m.Name, StringComparer.Ordinal))
            .ToList();
        var page = ordered.Skip(offset).Take(maxResults).Select(m => new ModelSummary(m.Name, Arn(m.Name), m.CreationTime)).ToList();
        var next = offset + page.Count < ordered.Count ? PageToken.Encode(new ListCursor(fingerprint, offset + page.Count)) : null;
        return new ListModelsResponse(page, next);
    }

    public DescribeModelResponse DescribeModel(DescribeModelRequest request)
    {
        var name = SageMakerValidation.RequirePatternName(request.ModelName, "modelName");
        var model = Find(name, timeProvider.GetUtcNow()) ?? throw SageMakerValidation.Error($"Could not find model \"{Arn(name)}\".");
        var container = new ContainerDefinition($"{_accountId}.dkr.ecr.{_region}.amazonaws.com/{model.Family}:{model.Name}",
            $"s3://sagemaker-{_region}-{_accountId}/models/{model.Name}/model.tar.gz");
        return new DescribeModelResponse(model.Name, Arn(model.Name), model.CreationTime, container,
            $"arn:aws:iam::{_accountId}:role/SageMakerExecutionRole");
    }

    /// <summary>The model named so, if it exists at <paramref name="now"/>.</summary>
    public SimulatedModel? Find(string name, DateTimeOffset now) => scenario.FindModel(name) is { } model && model.CreationTime <= now ? model : null;

    private sealed record ListCursor(string F, int O);
}
