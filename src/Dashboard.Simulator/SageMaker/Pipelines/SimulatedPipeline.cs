using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>
/// A retraining pipeline of the simulated account: it trains a new version of <see cref="Endpoint"/>'s model, named
/// <c>{ModelPrefix}-{yyyyMMddHHmm}</c>, that serves like <see cref="TemplateModel"/> (a good model), and registers it in
/// <see cref="ModelPackageGroup"/>.
/// </summary>
public sealed record SimulatedPipeline(string Name, string Endpoint, string Description, DateTimeOffset CreationTime, DateTimeOffset LastModifiedTime)
{
    public required string ModelPrefix { get; init; }
    public required string TemplateModel { get; init; }
    public required string ModelPackageGroup { get; init; }

    /// <summary>The definition's parameters, in order (what the dashboard's form lists).</summary>
    public required IReadOnlyList<PipelineParameterDefinition> Parameters { get; init; }

    /// <summary>The definition JSON DescribePipeline returns.</summary>
    public required string Definition { get; init; }

    /// <summary>Executions that ran before the simulator started: (start, outcome, the model a success created).</summary>
    public IReadOnlyList<PastExecution> History { get; init; } = [];
}

/// <summary>A run in a pipeline's history: <see cref="FailedStep"/> null means it succeeded and created <see cref="Model"/>.</summary>
public sealed record PastExecution(DateTimeOffset Start, string DisplayName, string? FailedStep, string? FailureReason, string? Model);
