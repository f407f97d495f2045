using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker;

/// <summary>
/// CreateEndpointConfig and UpdateEndpoint: configs are kept in memory, and an update becomes a deployment whose
/// timeline (<see cref="DeploymentTimeline"/>) shapes the endpoint's status and metrics from then on.
/// </summary>
public sealed class DeploymentOperations : IAwsOperations
{
    private readonly FleetScenario _scenario;
    private readonly EndpointConfigStore _configs;
    private readonly TimeProvider _timeProvider;
    private readonly SageMakerArns _arns;
    private readonly double _speed;

    public DeploymentOperations(FleetScenario scenario, EndpointConfigStore configs, IOptions<SimulatorOptions> options, TimeProvider timeProvider,
        SimulatorStart start)
    {
        _scenario = scenario;
        _configs = configs;
        _timeProvider = timeProvider;
        _arns = new SageMakerArns(options.Value.Region, options.Value.AccountId);
        _speed = options.Value.DeploymentSpeed;
        if (options.Value.ScheduledDeployment && scenario.FindEndpoint(ScheduledDeployment.EndpointName) is not null)
        {
            Schedule(start.At);
        }
    }

    public void Register(AwsDispatcher dispatcher)
    {
        dispatcher.Add<CreateEndpointConfigRequest, CreateEndpointConfigResponse>(AwsService.SageMaker, "CreateEndpointConfig", CreateEndpointConfig);
        dispatcher.Add<UpdateEndpointRequest, UpdateEndpointResponse>(AwsService.SageMaker, "UpdateEndpoint", UpdateEndpoint);
    }

    public CreateEndpointConfigResponse CreateEndpointConfig(CreateEndpointConfigRequest request)
    {
        EndpointConfigValidator.Validate(request);
        var now = _timeProvider.GetUtcNow();
        if (request.ProductionVariants.FirstOrDefault(v => _scenario.FindModel(v.ModelName!) is not { } m || m.CreationTime > now) is { } missing)
        {
            throw SageMakerValidation.Error($"Could not find model \"{_arns.Model(missing.ModelName!)}\".");
        }
        var config = new SimulatedConfig(request.EndpointConfigName, now, request.ProductionVariants)
        {
            DataCapture = request.DataCaptureConfig,
            KmsKeyId = request.KmsKeyId,
            Tags = request.Tags ?? [],
            Other = request.Other,
        };
        if (!_configs.TryAdd(config))
        {
            throw SageMakerValidation.Error($"Cannot create already existing endpoint configuration \"{_arns.EndpointConfig(request.EndpointConfigName)}\".");
        }
        return new CreateEndpointConfigResponse(_arns.EndpointConfig(request.EndpointConfigName));
    }

    public UpdateEndpointResponse UpdateEndpoint(UpdateEndpointRequest request)
    {
        var name = SageMakerValidation.RequirePatternName(request.EndpointName, "endpointName");
        var configName = SageMakerValidation.RequirePatternName(request.EndpointConfigName, "endpointConfigName");
        if (request.DeploymentConfig is { } shape)
        {
            DeploymentConfigValidator.ValidateShape(shape);
        }
        var now = _timeProvider.GetUtcNow();
        _scenario.DeploymentContext.Alarms?.CatchUp(now);
        var endpoint = _scenario.FindEndpoint(name) is { } found && found.CreationTime <= now
            ? found
            : throw SageMakerValidation.Error($"Could not find endpoint \"{_arns.Endpoint(name)}\".");
        var newConfig = _configs.Find(configName, now)
            ?? throw SageMakerValidation.Error($"Could not find endpoint configuration \"{_arns.EndpointConfig(configName)}\".");
        var status = _scenario.StatusAt(endpoint, now);
        // An endpoint whose rollback failed is recovered by updating it to one config, as on SageMaker.
        if (status is not (EndpointStatuses.InService or EndpointStatuses.UpdateRollbackFailed))
        {
            throw SageMakerValidation.Error(status is EndpointStatuses.Updating or EndpointStatuses.RollingBack or EndpointStatuses.Creating
                ? $"Cannot update in-progress endpoint \"{_arns.Endpoint(name)}\"."
                : $"Endpoint \"{_arns.Endpoint(name)}\" is in status {status} and cannot be updated.");
        }
        var deploymentConfig = request.DeploymentConfig
            ?? (request.RetainDeploymentConfig == true ? _scenario.DeploymentsOf(name).LatestAt(now)?.Config : null);
        var blue = _scenario.ServingProfiles(endpoint, now);
        var current = blue.Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
        var proposed = newConfig.Variants.Select(v => v.VariantName).Order(StringComparer.Ordinal).ToList();
        // Guardrails shift traffic variant by variant, so they need the same variants; a plain update replaces the fleet.
        if (deploymentConfig is not null && !current.SequenceEqual(proposed, StringComparer.Ordinal))
        {
            throw SageMakerValidation.Error($"The production variants of endpoint configuration \"{configName}\" [{string.Join(", ", proposed)}] "
                + $"must have the same names as the endpoint's [{string.Join(", ", current)}] for a deployment with a DeploymentConfig.");
        }
        var retain = request.RetainAllVariantProperties == true;
        var green = newConfig.Variants.Select(variant =>
        {
            var model = _scenario.FindModel(variant.ModelName!)!;
            return blue.FirstOrDefault(v => v.Name == variant.VariantName) is { } serving
                ? EndpointConfigValidator.Serving(serving, variant, model, retain)
                : EndpointConfigValidator.Serving(NewVariantBase(blue, variant), variant, model, retain: false);
        }).ToList();
        if (deploymentConfig is not null)
        {
            DeploymentConfigValidator.ValidateAgainst(deploymentConfig, blue.Count, green.Sum(v => v.MinInstances),
                blue.Sum(v => v.MinInstances));
        }
        var oldConfig = _configs.Find(_scenario.ConfigNameAt(endpoint, now), now)!;
        Start(endpoint, oldConfig, blue, newConfig, green, deploymentConfig, now);
        return new UpdateEndpointResponse(_arns.Endpoint(name));
    }

    /// <summary>
    /// What a variant the endpoint does not have yet starts from: a serving variant's hardware knobs (one of the same
    /// instance type if any), without its autoscaling, which a new variant has not been given.
    /// </summary>
    private static VariantProfile NewVariantBase(IReadOnlyList<VariantProfile> serving, ProductionVariant variant)
    {
        var like = serving.FirstOrDefault(v => v.InstanceType == variant.InstanceType) ?? serving[0];
        return like with { Name = variant.VariantName, MaxInstances = null };
    }

    private void Start(EndpointProfile endpoint, SimulatedConfig oldConfig, IReadOnlyList<VariantProfile> blue, SimulatedConfig newConfig,
        IReadOnlyList<VariantProfile> green, DeploymentConfig? config, DateTimeOffset start)
    {
        var deployment = new EndpointDeployment(endpoint.Name, oldConfig, blue, newConfig, green, config, start, _speed, _scenario.DeploymentContext);
        // The models of added variants exist before the deployment can consult them.
        _scenario.AddVariants(endpoint, green, deployment.CompletesAt);
        _scenario.DeploymentsOf(endpoint.Name).Add(deployment);
        _scenario.AddConfigSeries(endpoint, oldConfig.Name, blue, start);
        _scenario.AddConfigSeries(endpoint, newConfig.Name, green,
            deployment.ChangesVariants ? deployment.CompletesAt : deployment.Phases.First(p => p.GreenShare > 0).Start);
    }

    private void Schedule(DateTimeOffset startedAt)
    {
        var endpoint = _scenario.FindEndpoint(ScheduledDeployment.EndpointName)!;
        var model = _scenario.FindModel(ScheduledDeployment.ModelName)!;
        var variants = endpoint.Variants
            .Select(v => new ProductionVariant(v.Name, model.Name, v.MinInstances, v.InstanceType, v.CurrentWeight))
            .ToList();
        var config = new SimulatedConfig(ScheduledDeployment.ConfigName, startedAt + ScheduledDeployment.ConfigCreatedAfter, variants)
        {
            Tags = [new ResourceTag("env", "prod"), new ResourceTag("team", SageMakerTags.Team(endpoint.Name)), new ResourceTag("deployed-by", "ci")],
        };
        if (!_configs.TryAdd(config))
        {
            return;
        }
        var green = endpoint.Variants.Select((v, i) => EndpointConfigValidator.Serving(v, variants[i], model, retain: false)).ToList();
        var oldConfig = _configs.Find(endpoint.ConfigName, DateTimeOffset.MaxValue)!;
        Start(endpoint, oldConfig, endpoint.Variants, config, green, ScheduledDeployment.Policy, startedAt + ScheduledDeployment.StartsAfter);
    }
}
