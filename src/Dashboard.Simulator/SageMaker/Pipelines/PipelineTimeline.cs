using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>One step of a run as planned when it started: when it runs, how it ends, and what it creates.</summary>
public sealed record PlannedStep(string Name, string Type, string Description, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Null when the step succeeds.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The ARN (or outcome) the step reports once it has made it.</summary>
    public PipelineExecutionStepMetadata Metadata { get; init; } = new();
}

/// <summary>
/// How long each step of a retraining run takes at speed 1 (five minutes in all, two seconds between steps), divided
/// by Simulator:PipelineSpeed for runs started through StartPipelineExecution. A failing step fails 60 % of the way
/// through and no later step starts.
/// </summary>
public static class PipelineTimeline
{
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(2);

    /// <summary>The steps in order: name, type (as the definition names it) and duration at speed 1.</summary>
    public static readonly IReadOnlyList<(string Name, string Type, TimeSpan Duration)> Steps =
    [
        ("Preprocess", "Processing", TimeSpan.FromSeconds(70)),
        ("Train", "Training", TimeSpan.FromSeconds(140)),
        ("Evaluate", "Processing", TimeSpan.FromSeconds(50)),
        ("CheckQuality", "Condition", TimeSpan.FromSeconds(4)),
        ("CreateModel", "Model", TimeSpan.FromSeconds(14)),
        ("RegisterModel", "RegisterModel", TimeSpan.FromSeconds(10)),
    ];

    /// <summary>A whole successful run at speed 1.</summary>
    public static TimeSpan Duration { get; } = Steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + Gap + s.Duration);

    /// <summary>When a speed-1 run must have started for its CreateModel step to end at <paramref name="modelCreated"/>.</summary>
    public static DateTimeOffset StartFor(DateTimeOffset modelCreated) => modelCreated - (Duration - Gap - Steps[^1].Duration);

    /// <summary>The steps of a run from <paramref name="start"/>; <paramref name="failingStep"/> (null: none) fails with <paramref name="failureReason"/>.</summary>
    public static IReadOnlyList<PlannedStep> Plan(DateTimeOffset start, double speed, string? failingStep, string? failureReason)
    {
        var planned = new List<PlannedStep>();
        var at = start;
        foreach (var (name, type, duration) in Steps)
        {
            var stepStart = at + Gap / speed;
            var failing = name == failingStep;
            var stepEnd = stepStart + (failing ? duration * 0.6 : duration) / speed;
            planned.Add(new PlannedStep(name, type, Description(name), stepStart, stepEnd)
            {
                FailureReason = failing ? failureReason : null,
            });
            if (failing)
            {
                break;
            }
            at = stepEnd;
        }
        return planned;
    }

    /// <summary>What a step does, as the definition and ListPipelineExecutionSteps describe it.</summary>
    public static string Description(string step) => step switch
    {
        "Preprocess" => "Splits the captured data into train, validation and test sets",
        "Train" => "Trains the model on the preprocessed data",
        "Evaluate" => "Scores the trained model on the test set",
        "CheckQuality" => "Registers the model only if its F1 on the test set reaches MinF1",
        "CreateModel" => "Creates the SageMaker model",
        _ => "Registers the model version for approval",
    };
}
