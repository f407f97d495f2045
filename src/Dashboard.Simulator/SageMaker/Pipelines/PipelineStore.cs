using System.Globalization;
using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>
/// The pipelines and their executions (the history, then those StartPipelineExecution started, in memory). Starting
/// one plans its steps and, when it will succeed, adds its model to the fleet with the CreateModel step's end as its
/// CreationTime: ListModels, DescribeModel and CreateEndpointConfig see it from then on.
/// </summary>
public sealed class PipelineStore
{
    /// <summary>What the fault switch makes the training step say.</summary>
    public const string InjectedTrainingFailure =
        "AlgorithmError: ExecuteUserScriptError:\nExitCode 137\nErrorMessage \"MemoryError: Unable to allocate 3.1 GiB for the training matrix\"";

    private readonly FleetScenario _scenario;
    private readonly SageMakerArns _arns;
    private readonly SimulatorFaults _faults;
    private readonly double _speed;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PipelineRun> _runsByArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PipelineRun> _runsByToken = new(StringComparer.Ordinal);
    private readonly List<PipelineRun> _runs = [];

    public PipelineStore(FleetScenario scenario, S3Catalog bucket, SimulatorFaults faults, IOptions<SimulatorOptions> options)
    {
        _scenario = scenario;
        _faults = faults;
        _speed = options.Value.PipelineSpeed;
        _arns = new SageMakerArns(options.Value.Region, options.Value.AccountId);
        Pipelines = PipelineCatalog.Create(scenario, _arns, bucket, options.Value.Region);
        foreach (var pipeline in Pipelines)
        {
            for (var i = 0; i < pipeline.History.Count; i++)
            {
                var past = pipeline.History[i];
                var id = UniqueId($"history/{pipeline.Name}/{i}");
                Add(Plan(pipeline, id, past.DisplayName, past.Start, Defaults(pipeline), 1, past.FailedStep, past.FailureReason, past.Model));
            }
        }
    }

    public IReadOnlyList<SimulatedPipeline> Pipelines { get; }

    /// <summary>A pipeline by name or ARN (the ARN's name is lower-cased, as SageMaker prints it).</summary>
    public SimulatedPipeline? Find(string nameOrArn) =>
        Pipelines.FirstOrDefault(p => p.Name == nameOrArn || _arns.Pipeline(p.Name) == nameOrArn);

    public string Arn(SimulatedPipeline pipeline) => _arns.Pipeline(pipeline.Name);

    /// <summary>The pipeline's executions that exist at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<PipelineRun> Runs(SimulatedPipeline pipeline, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _runs.Where(r => ReferenceEquals(r.Pipeline, pipeline) && r.CreationTime <= now).ToList();
        }
    }

    public PipelineRun? FindRun(string arn, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _runsByArn.TryGetValue(arn, out var run) && run.CreationTime <= now ? run : null;
        }
    }

    /// <summary>
    /// The processing step whose job has this name (matched without regard to case: ARNs print it lower-cased), if the
    /// step has started by <paramref name="now"/>.
    /// </summary>
    public (PipelineRun Run, PlannedStep Step)? FindProcessingJob(string name, DateTimeOffset now)
    {
        var parts = name.Split('-');
        if (parts is not ["pipelines", var id, _, _])
        {
            return null;
        }
        lock (_gate)
        {
            var run = _runs.FirstOrDefault(r => r.Id == id && r.CreationTime <= now);
            var step = run?.Steps.FirstOrDefault(s => s.Type == "Processing" && s.Start <= now
                && string.Equals(JobName(run.Id, s.Name), name, StringComparison.OrdinalIgnoreCase));
            return step is null ? null : (run!, step);
        }
    }

    /// <summary>
    /// Starts an execution, or answers the one this token already started. A token already used for another pipeline or
    /// other parameters is a ConflictException (the simulator's wording; AWS documents none).
    /// </summary>
    public PipelineRun Start(SimulatedPipeline pipeline, StartPipelineExecutionRequest request, IReadOnlyList<PipelineParameter> parameters,
        DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_runsByToken.TryGetValue(request.ClientRequestToken, out var existing))
            {
                if (ReferenceEquals(existing.Pipeline, pipeline) && existing.Parameters.SequenceEqual(parameters))
                {
                    return existing;
                }
                throw new AwsErrorException("ConflictException",
                    $"ClientRequestToken {request.ClientRequestToken} was already used to start execution {existing.Arn} with other inputs.");
            }
            var id = UniqueId("token/" + request.ClientRequestToken);
            var (failingStep, reason) = Failure(parameters);
            var run = Plan(pipeline, id, request.PipelineExecutionDisplayName ?? $"execution-{now.ToUnixTimeMilliseconds()}", now, parameters, _speed,
                failingStep, reason, model: null) with
            {
                Description = request.PipelineExecutionDescription,
                Token = request.ClientRequestToken,
            };
            if (run.ModelName is { } name)
            {
                var template = _scenario.FindModel(pipeline.TemplateModel)!;
                var created = run.Steps.Single(s => s.Name == "CreateModel").End;
                _scenario.AddModel(new SimulatedModel(name, created, template.Family, template.Behaviour) { CandidateFor = pipeline.Endpoint });
            }
            Add(run);
            _runsByToken[request.ClientRequestToken] = run;
            return run;
        }
    }

    /// <summary>The step a new run fails at, if any: the fault switch, or a training instance type SageMaker does not have.</summary>
    private (string? Step, string? Reason) Failure(IReadOnlyList<PipelineParameter> parameters)
    {
        var instanceType = parameters.FirstOrDefault(p => p.Name == "TrainingInstanceType")?.Value;
        if (instanceType is not null && InstanceTypes.Find(instanceType) is null)
        {
            return ("Train", $"ClientError: Failed to invoke sagemaker:CreateTrainingJob. Error Details: 1 validation error detected: Value '{instanceType}' "
                + "at 'resourceConfig.instanceType' failed to satisfy constraint: Member must be an ML instance type SageMaker training offers.");
        }
        return _faults.TakePipelineFailure() ? ("Train", InjectedTrainingFailure) : (null, null);
    }

    private PipelineRun Plan(SimulatedPipeline pipeline, string id, string displayName, DateTimeOffset start, IReadOnlyList<PipelineParameter> parameters,
        double speed, string? failingStep, string? failureReason, string? model)
    {
        var steps = PipelineTimeline.Plan(start, speed, failingStep, failureReason);
        if (failingStep is null && model is null)
        {
            model = NewModelName(pipeline, steps.Single(s => s.Name == "CreateModel").End);
        }
        var version = failingStep is null ? NextPackageVersion(pipeline) : 0;
        steps = steps.Select(s => s with { Metadata = Metadata(s.Name, id, model, pipeline.ModelPackageGroup, version) }).ToList();
        return new PipelineRun(id, $"{_arns.Pipeline(pipeline.Name)}/execution/{id}", pipeline, displayName, start, parameters, steps)
        {
            ModelName = failingStep is null ? model : null,
        };
    }

    private PipelineExecutionStepMetadata Metadata(string step, string id, string? model, string group, int version) => step switch
    {
        "Preprocess" or "Evaluate" => new() { ProcessingJob = new StepResourceMetadata(_arns.ProcessingJob(JobName(id, step))) },
        "Train" => new() { TrainingJob = new StepResourceMetadata(_arns.TrainingJob(JobName(id, step))) },
        "CheckQuality" => new() { Condition = new ConditionStepMetadata("True") },
        "CreateModel" => new() { Model = new StepResourceMetadata(model is null ? null : _arns.Model(model)) },
        _ => new() { RegisterModel = new StepResourceMetadata(_arns.ModelPackage(group, version)) },
    };

    /// <summary>The job a step ran: <c>pipelines-{execution id}-{step}-{10 characters}</c>, the pattern SageMaker uses.</summary>
    public static string JobName(string executionId, string step) =>
        $"pipelines-{executionId}-{step}-{Base36(Noise.OfName($"job/{executionId}/{step}"), 10)}";

    /// <summary>The first free name of <c>{prefix}-{yyyyMMddHHmm}</c>, then -2, -3 … when runs finish in the same minute.</summary>
    private string NewModelName(SimulatedPipeline pipeline, DateTimeOffset created)
    {
        var name = $"{pipeline.ModelPrefix}-{created.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";
        var candidate = name;
        for (var n = 2; _scenario.FindModel(candidate) is not null || _runs.Any(r => r.ModelName == candidate); n++)
        {
            candidate = $"{name}-{n}";
        }
        return candidate;
    }

    private int NextPackageVersion(SimulatedPipeline pipeline) => _runs.Count(r => ReferenceEquals(r.Pipeline, pipeline) && !r.Fails) + 1;

    private void Add(PipelineRun run)
    {
        _runs.Add(run);
        _runsByArn[run.Arn] = run;
    }

    private static IReadOnlyList<PipelineParameter> Defaults(SimulatedPipeline pipeline) =>
        pipeline.Parameters.Select(p => new PipelineParameter(p.Name, p.DefaultValue!)).ToList();

    /// <summary>Twelve lower-case letters and digits, as SageMaker's execution ids look; derived from the seed text so runs are reproducible.</summary>
    private string UniqueId(string seed)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = Base36(Noise.OfName($"{seed}/{attempt}"), 12);
            if (_runs.All(r => r.Id != id))
            {
                return id;
            }
        }
    }

    private static string Base36(ulong value, int length)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var chars = new char[length];
        // 36^12 < 2^64: one hash has digits enough.
        for (var i = 0; i < length; i++)
        {
            chars[i] = Digits[(int)(value % 36)];
            value /= 36;
        }
        return new string(chars);
    }
}
