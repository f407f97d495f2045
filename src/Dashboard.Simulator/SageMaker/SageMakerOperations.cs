using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.SageMaker.Pipelines;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker;

/// <summary>
/// ListEndpoints, DescribeEndpoint, DescribeEndpointConfig, ListTags and UpdateEndpointWeightsAndCapacities over the
/// simulated fleet, as of "now".
/// </summary>
public sealed class SageMakerOperations(FleetScenario scenario, EndpointConfigStore configs, PipelineStore pipelines,
    IOptions<SimulatorOptions> options, TimeProvider timeProvider) : IAwsOperations
{
    private static readonly string[] Statuses =
    [
        EndpointStatuses.OutOfService, EndpointStatuses.Creating, EndpointStatuses.Updating, EndpointStatuses.SystemUpdating,
        EndpointStatuses.RollingBack, EndpointStatuses.InService, EndpointStatuses.Deleting, EndpointStatuses.Failed,
        EndpointStatuses.UpdateRollbackFailed,
    ];

    /// <summary>How long a weight change keeps the endpoint Updating (real endpoints take minutes; the demo should not).</summary>
    public static readonly TimeSpan WeightUpdateDuration = TimeSpan.FromSeconds(20);

    private readonly SageMakerArns _arns = new(options.Value.Region, options.Value.AccountId);

    public void Register(AwsDispatcher dispatcher)
    {
        dispatcher.Add<ListEndpointsRequest, ListEndpointsResponse>(AwsService.SageMaker, "ListEndpoints", ListEndpoints);
        dispatcher.Add<DescribeEndpointRequest, DescribeEndpointResponse>(AwsService.SageMaker, "DescribeEndpoint", DescribeEndpoint);
        dispatcher.Add<DescribeEndpointConfigRequest, DescribeEndpointConfigResponse>(AwsService.SageMaker, "DescribeEndpointConfig",
            DescribeEndpointConfig);
        dispatcher.Add<ListTagsRequest, ListTagsResponse>(AwsService.SageMaker, "ListTags", ListTags);
        dispatcher.Add<UpdateEndpointWeightsAndCapacitiesRequest, UpdateEndpointWeightsAndCapacitiesResponse>(AwsService.SageMaker,
            "UpdateEndpointWeightsAndCapacities", UpdateEndpointWeightsAndCapacities);
    }

    /// <summary>
    /// Every endpoint carries env=prod and a team tag, so tag-based endpoint selection can be tried; pipelines also
    /// carry the endpoint they retrain.
    /// </summary>
    public ListTagsResponse ListTags(ListTagsRequest request)
    {
        var now = timeProvider.GetUtcNow();
        var arn = request.ResourceArn?.ToLowerInvariant();
        var endpoint = Existing(now).FirstOrDefault(e => _arns.Endpoint(e.Name) == arn);
        if (endpoint is not null)
        {
            return new ListTagsResponse([new ResourceTag("env", "prod"), new ResourceTag("team", SageMakerTags.Team(endpoint.Name)),
                .. S3.DashboardTags.For(endpoint, S3.S3Catalog.BucketOf(options.Value))]);
        }
        // A retraining pipeline names the endpoint it retrains for, so the dashboard can find it from the endpoint.
        if (pipelines.Pipelines.FirstOrDefault(p => _arns.Pipeline(p.Name) == arn && p.CreationTime <= now) is { } pipeline)
        {
            return new ListTagsResponse([new ResourceTag("env", "prod"), new ResourceTag("team", SageMakerTags.Team(pipeline.Endpoint)),
                new ResourceTag(SageMakerTags.EndpointTag, pipeline.Endpoint)]);
        }
        var prefix = _arns.EndpointConfig("");
        if (arn is not null && arn.StartsWith(prefix, StringComparison.Ordinal) && configs.FindLower(arn[prefix.Length..], now) is { } config)
        {
            return new ListTagsResponse(config.Tags);
        }
        throw SageMakerValidation.Error($"Resource {request.ResourceArn} was not found.");
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
        SageMakerValidation.RequireOneOf(request.StatusEquals, "statusEquals", Statuses);
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
        // Deployments roll back on alarm states: those up to now must be final before a status is read.
        scenario.DeploymentContext.Alarms?.CatchUp(now);
        var matching = Existing(now)
            .Where(e => request.NameContains is null || e.Name.Contains(request.NameContains, StringComparison.OrdinalIgnoreCase))
            .Select(e => e with { Status = scenario.StatusAt(e, now), LastModifiedTime = scenario.LastModifiedAt(e, now) })
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
        scenario.DeploymentContext.Alarms?.CatchUp(now);
        var status = scenario.StatusAt(endpoint, now);
        var lastModified = scenario.LastModifiedAt(endpoint, now);
        var current = scenario.CurrentWeightsAt(endpoint, now);
        var pending = scenario.WeightsOf(endpoint.Name).PendingAt(now);
        var deployment = scenario.DeploymentsOf(endpoint.Name).LatestAt(now);
        var rollback = deployment?.RollbackBefore(now.AddTicks(1));
        var inFlight = deployment is not null && rollback is null && now < deployment.CompletesAt ? deployment : null;
        var greenShare = inFlight?.PhaseAt(now)?.GreenShare ?? 0;
        var roster = scenario.WeightsOf(endpoint.Name);
        // The variants serving now: the catalogue's as described, or those a deployment left (it may add or remove some).
        var variants = scenario.ServingProfiles(endpoint, now).Select(serving =>
        {
            var v = endpoint.Variants.FirstOrDefault(c => c.Name == serving.Name) ?? serving with { DesiredWeight = null, DesiredInstanceCount = null };
            var weight = EndpointWeights.WeightAt(current, roster.IndexOf(v.Name));
            return DescribeVariant(endpoint, v, now, status, lastModified, (float)(weight * (1 - greenShare)),
                pending is null ? v.DesiredWeight ?? weight : EndpointWeights.WeightAt(pending.Weights, roster.IndexOf(v.Name)));
        }).ToList();
        var configName = scenario.ConfigNameAt(endpoint, now);
        var capture = configs.Find(configName, now)?.DataCapture is { } dc
            ? new DataCaptureConfigSummary(dc.EnableCapture ?? true, dc.EnableCapture == false ? "Stopped" : "Started", dc.InitialSamplingPercentage,
                dc.DestinationS3Uri, dc.KmsKeyId ?? "")
            : null;
        return new DescribeEndpointResponse(endpoint.Name, _arns.Endpoint(endpoint.Name), configName, variants,
            status, endpoint.CreationTime, lastModified,
            FailureReason: rollback is not null && now >= deployment!.RollbackEnds(rollback) ? deployment.FailureReason(rollback) : null,
            DataCaptureConfig: capture)
        {
            LastDeploymentConfig = scenario.DeploymentsOf(endpoint.Name).LatestConfiguredAt(now),
            PendingDeploymentSummary = inFlight is null ? null : Pending(inFlight, now),
        };
    }

    /// <summary>The new fleet while it is created, takes traffic and bakes: its desired state is the new config's.</summary>
    private static PendingDeploymentSummary Pending(EndpointDeployment deployment, DateTimeOffset now)
    {
        var phase = deployment.PhaseAt(now) ?? deployment.Phases[^1];
        var status = phase.Kind switch
        {
            DeploymentPhaseKind.Provisioning => VariantStatuses.Creating,
            DeploymentPhaseKind.ActivatingTraffic => VariantStatuses.ActivatingTraffic,
            _ => VariantStatuses.Baking,
        };
        var provisioned = deployment.Phases.Any(p => p.End <= now && p.Kind == DeploymentPhaseKind.Provisioning);
        var variants = deployment.Green.Select(v => new PendingProductionVariantSummary(v.Name,
            CurrentWeight: (float)(v.CurrentWeight * phase.GreenShare), DesiredWeight: v.CurrentWeight,
            CurrentInstanceCount: provisioned ? (deployment.Config?.RollingUpdatePolicy is null ? v.MinInstances
                : (int)Math.Round(v.MinInstances * phase.GreenShare)) : 0,
            DesiredInstanceCount: v.MinInstances, InstanceType: v.InstanceType,
            VariantStatus: [new ProductionVariantStatus(status, phase.Message, phase.Start)])).ToList();
        return new PendingDeploymentSummary(deployment.NewConfig.Name, deployment.StartTime, variants);
    }

    private ProductionVariantSummary DescribeVariant(EndpointProfile endpoint, VariantProfile variant, DateTimeOffset now, string endpointStatus,
        DateTimeOffset lastModified, float currentWeight, float desiredWeight)
    {
        var current = scenario.InstanceCount(endpoint.Name, variant.Name, now);
        var desired = variant.DesiredInstanceCount ?? current;
        IReadOnlyList<ProductionVariantStatus>? status = endpointStatus == EndpointStatuses.Updating
            && (desired != current || desiredWeight != currentWeight)
                ? [new ProductionVariantStatus("Updating", "Updating weights and capacities", lastModified)]
                : null;
        return new ProductionVariantSummary(variant.Name, currentWeight, desiredWeight, current, desired, status);
    }

    /// <summary>
    /// Weights only: the endpoint goes Updating for <see cref="WeightUpdateDuration"/>, then serves the new split.
    /// Instance counts follow load in the simulation, so a DesiredInstanceCount is refused rather than ignored.
    /// </summary>
    public UpdateEndpointWeightsAndCapacitiesResponse UpdateEndpointWeightsAndCapacities(UpdateEndpointWeightsAndCapacitiesRequest request)
    {
        var name = SageMakerValidation.RequireName(request.EndpointName, "endpointName");
        var desired = request.DesiredWeightsAndCapacities;
        if (desired is null)
        {
            throw SageMakerValidation.Constraint(null, "desiredWeightsAndCapacities", "Member must not be null");
        }
        if (desired.Count == 0)
        {
            throw SageMakerValidation.Constraint("[]", "desiredWeightsAndCapacities", "Member must have length greater than or equal to 1");
        }
        for (var i = 0; i < desired.Count; i++)
        {
            var member = $"desiredWeightsAndCapacities.{i + 1}.member";
            SageMakerValidation.RequireName(desired[i]?.VariantName, member + ".variantName");
            if (desired[i].DesiredWeight is < 0 or float.NaN)
            {
                throw SageMakerValidation.Constraint(desired[i].DesiredWeight, member + ".desiredWeight",
                    "Member must have value greater than or equal to 0");
            }
            if (desired[i].DesiredWeight is float.PositiveInfinity)
            {
                // SageMaker's model types DesiredWeight as a float: "Infinity", or a number past 3.4e38, is no such value.
                throw SageMakerValidation.Constraint(desired[i].DesiredWeight, member + ".desiredWeight", "Member must be a finite number");
            }
        }

        var now = timeProvider.GetUtcNow();
        var endpoint = scenario.FindEndpoint(name);
        if (endpoint is null || endpoint.CreationTime > now)
        {
            throw SageMakerValidation.Error($"Could not find endpoint \"{_arns.Endpoint(name)}\".");
        }
        var status = scenario.StatusAt(endpoint, now);
        if (status != EndpointStatuses.InService)
        {
            throw SageMakerValidation.Error(status == EndpointStatuses.Updating
                ? $"Cannot update in-progress endpoint \"{_arns.Endpoint(name)}\"."
                : $"Endpoint \"{_arns.Endpoint(name)}\" is in status {status} and cannot be updated.");
        }
        // The wording of the next three is unverified (AWS documents no example); the conditions are SageMaker's.
        var serving = scenario.ServingProfiles(endpoint, now);
        var unknown = desired.Select(d => d.VariantName).Where(v => serving.All(p => p.Name != v)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw SageMakerValidation.Error(
                $"The variant name(s) [{string.Join(", ", unknown)}] is/are not present in endpoint \"{_arns.Endpoint(name)}\".");
        }
        if (desired.GroupBy(d => d.VariantName).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw SageMakerValidation.Error($"The variant name {duplicate.Key} appears more than once in DesiredWeightsAndCapacities.");
        }
        if (desired.FirstOrDefault(d => d.DesiredWeight is null || d.DesiredInstanceCount is not null) is { } capacity)
        {
            throw SageMakerValidation.Error(capacity.DesiredWeight is null && capacity.DesiredInstanceCount is null
                ? $"Either DesiredWeight or DesiredInstanceCount must be specified for variant {capacity.VariantName}."
                : "The simulator changes weights only; instance counts follow load.");
        }

        // Variants not named keep the weight they serve with now, a deployment's included; variants no longer serving get 0.
        var roster = scenario.WeightsOf(name);
        var current = scenario.CurrentWeightsAt(endpoint, now);
        var kept = roster.Variants.Select((v, i) => serving.Any(p => p.Name == v) ? EndpointWeights.WeightAt(current, i) : 0f).ToArray();
        roster.Add(desired.ToDictionary(d => d.VariantName, d => d.DesiredWeight!.Value), now, WeightUpdateDuration, kept);
        return new UpdateEndpointWeightsAndCapacitiesResponse(_arns.Endpoint(name));
    }

    public DescribeEndpointConfigResponse DescribeEndpointConfig(DescribeEndpointConfigRequest request)
    {
        var name = SageMakerValidation.RequireName(request.EndpointConfigName, "endpointConfigName");
        var config = configs.Find(name, timeProvider.GetUtcNow())
            ?? throw SageMakerValidation.Error($"Could not find endpoint configuration \"{_arns.EndpointConfig(name)}\".");
        return new DescribeEndpointConfigResponse(config.Name, _arns.EndpointConfig(config.Name), config.Variants, config.CreationTime)
        {
            DataCaptureConfig = config.DataCapture,
            KmsKeyId = config.KmsKeyId,
            Other = config.Other,
        };
    }

    private sealed record ListCursor(string F, int O);
}
