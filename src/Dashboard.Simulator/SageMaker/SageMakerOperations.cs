using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker;

/// <summary>ListEndpoints, DescribeEndpoint and DescribeEndpointConfig over the simulated fleet, as of "now".</summary>
public sealed class SageMakerOperations(FleetScenario scenario, IOptions<SimulatorOptions> options, TimeProvider timeProvider)
    : IAwsOperations
{
    private static readonly string[] s_statuses =
    [
        EndpointStatuses.OutOfService, EndpointStatuses.Creating, EndpointStatuses.Updating, EndpointStatuses.SystemUpdating,
        EndpointStatuses.RollingBack, EndpointStatuses.InService, EndpointStatuses.Deleting, EndpointStatuses.Failed,
        EndpointStatuses.UpdateRollbackFailed,
    ];

    private readonly SageMakerArns _arns = new(options.Value.Region, options.Value.AccountId);

    public void Register(AwsDispatcher dispatcher)
    {
        dispatcher.Add<ListEndpointsRequest, ListEndpointsResponse>(AwsService.SageMaker, "ListEndpoints", ListEndpoints);
        dispatcher.Add<DescribeEndpointRequest, DescribeEndpointResponse>(AwsService.SageMaker, "DescribeEndpoint", DescribeEndpoint);
        dispatcher.Add<DescribeEndpointConfigRequest, DescribeEndpointConfigResponse>(AwsService.SageMaker, "DescribeEndpointConfig",
            DescribeEndpointConfig);
        dispatcher.Add<ListTagsRequest, ListTagsResponse>(AwsService.SageMaker, "ListTags", ListTags);
    }

    /// <summary>Every endpoint carries env=prod and a team tag, so tag-based endpoint selection can be tried.</summary>
    public ListTagsResponse ListTags(ListTagsRequest request)
    {
        var now = timeProvider.GetUtcNow();
        var endpoint = Existing(now).FirstOrDefault(e => _arns.Endpoint(e.Name) == request.ResourceArn?.ToLowerInvariant());
        if (endpoint is null)
        {
            throw SageMakerValidation.Error($"Resource {request.ResourceArn} was not found.");
        }
        return new ListTagsResponse([new ResourceTag("env", "prod"), new ResourceTag("team", SageMakerTags.Team(endpoint.Name))]);
    }

    /// <summary>Endpoints exist from their creation on (an anchor in the future hides the younger ones).</summary>
    private IEnumerable<EndpointProfile> Existing(DateTimeOffset now) => scenario.Endpoints.Where(e => e.CreationTime <= now);

    public ListEndpointsResponse ListEndpoints(ListEndpointsRequest request)
    {
        var maxResults = request.MaxResults ?? 10;
        if (maxResults is < 1 or > 100)
        {
            throw SageMakerValidation.Constraint(maxResults, "maxResults",
                maxResults < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 100");
        }
        SageMakerValidation.RequireOneOf(request.SortBy, "sortBy", "Name", "CreationTime", "Status");
        SageMakerValidation.RequireOneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
        SageMakerValidation.RequireOneOf(request.StatusEquals, "statusEquals", s_statuses);
        if (request.NameContains is { } contains && (contains.Length is 0 or > 63 || !contains.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw SageMakerValidation.Constraint(contains, "nameContains", "Member must satisfy regular expression pattern: [a-zA-Z0-9-]+");
        }

        var fingerprint = PageToken.Fingerprint(request.SortBy, request.SortOrder, request.NameContains, request.StatusEquals);
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
        var matching = Existing(now)
            .Where(e => request.NameContains is null || e.Name.Contains(request.NameContains, StringComparison.OrdinalIgnoreCase))
            .Where(e => request.StatusEquals is null || e.Status == request.StatusEquals);
        var ordered = Sort(matching, request.SortBy ?? "CreationTime", request.SortOrder != "Ascending").ToList();
        var page = ordered.Skip(offset).Take(maxResults)
            .Select(e => new EndpointSummary(e.Name, _arns.Endpoint(e.Name), e.CreationTime, e.LastModifiedTime, e.Status))
            .ToList();
        var next = offset + page.Count < ordered.Count ? PageToken.Encode(new ListCursor(fingerprint, offset + page.Count)) : null;
        return new ListEndpointsResponse(page, next);
    }

    private static IEnumerable<EndpointProfile> Sort(IEnumerable<EndpointProfile> endpoints, string sortBy, bool descending)
    {
        // Ties (same status) fall back to the name so pages never overlap.
        IOrderedEnumerable<EndpointProfile> sorted = sortBy switch
        {
            "Name" => descending ? endpoints.OrderByDescending(e => e.Name, StringComparer.Ordinal) : endpoints.OrderBy(e => e.Name, StringComparer.Ordinal),
            "Status" => descending ? endpoints.OrderByDescending(e => e.Status, StringComparer.Ordinal) : endpoints.OrderBy(e => e.Status, StringComparer.Ordinal),
            _ => descending ? endpoints.OrderByDescending(e => e.CreationTime) : endpoints.OrderBy(e => e.CreationTime),
        };
        return sorted.ThenBy(e => e.Name, StringComparer.Ordinal);
    }

    public DescribeEndpointResponse DescribeEndpoint(DescribeEndpointRequest request)
    {
        var name = SageMakerValidation.RequireName(request.EndpointName, "endpointName");
        var now = timeProvider.GetUtcNow();
        var endpoint = scenario.FindEndpoint(name);
        if (endpoint is null || endpoint.CreationTime > now)
        {
            throw SageMakerValidation.Error($"Could not find endpoint \"{_arns.Endpoint(name)}\".");
        }
        var variants = endpoint.Variants.Select(v => DescribeVariant(endpoint, v, now)).ToList();
        var capture = endpoint.DataCaptureSamplingPercent is { } percent
            ? new DataCaptureConfigSummary(true, "Started", percent, _arns.DataCaptureUri(endpoint.Name), "")
            : null;
        return new DescribeEndpointResponse(endpoint.Name, _arns.Endpoint(endpoint.Name), endpoint.ConfigName, variants,
            endpoint.Status, endpoint.CreationTime, endpoint.LastModifiedTime, DataCaptureConfig: capture);
    }

    private ProductionVariantSummary DescribeVariant(EndpointProfile endpoint, VariantProfile variant, DateTimeOffset now)
    {
        var current = scenario.InstanceCount(endpoint.Name, variant.Name, now);
        var desired = variant.DesiredInstanceCount ?? current;
        var desiredWeight = variant.DesiredWeight ?? variant.CurrentWeight;
        IReadOnlyList<ProductionVariantStatus>? status = endpoint.Status == EndpointStatuses.Updating
            && (desired != current || desiredWeight != variant.CurrentWeight)
                ? [new ProductionVariantStatus("Updating", "Updating weights and capacities", endpoint.LastModifiedTime)]
                : null;
        return new ProductionVariantSummary(variant.Name, variant.CurrentWeight, desiredWeight, current, desired, status);
    }

    public DescribeEndpointConfigResponse DescribeEndpointConfig(DescribeEndpointConfigRequest request)
    {
        var name = SageMakerValidation.RequireName(request.EndpointConfigName, "endpointConfigName");
        var now = timeProvider.GetUtcNow();
        var endpoint = Existing(now).FirstOrDefault(e => e.ConfigName == name)
            ?? throw SageMakerValidation.Error($"Could not find endpoint configuration \"{_arns.EndpointConfig(name)}\".");
        var variants = endpoint.Variants
            .Select(v => new ProductionVariant(v.Name, v.ModelName, v.MinInstances, v.InstanceType, v.CurrentWeight))
            .ToList();
        // The config is created shortly before the endpoint starts using it.
        return new DescribeEndpointConfigResponse(endpoint.ConfigName, _arns.EndpointConfig(endpoint.ConfigName), variants,
            endpoint.LastModifiedTime.AddSeconds(-557.25));
    }

    private sealed record ListCursor(string F, int O);
}
