using System.Globalization;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

namespace Dashboard.Web.Deployments;

/// <summary>One variant's row of the form: the model to serve and, optionally, a new instance type or count.</summary>
public sealed class VariantInput(string variant, string currentModel)
{
    public string Variant { get; } = variant;
    public string CurrentModel { get; } = currentModel;
    public string? Model { get; set; }
    public string? InstanceType { get; set; }
    public int? InstanceCount { get; set; }
}

/// <summary>What the New deployment form holds while someone fills it in; <see cref="Plan"/> is what would be proposed.</summary>
public sealed class DeploymentForm
{
    public DeploymentForm(IReadOnlyList<VariantInput> variants, IEnumerable<string> preTicked)
    {
        Variants = variants;
        Alarms = preTicked.ToHashSet(StringComparer.Ordinal);
        Apply(DeploymentStrategy.Canary);
    }

    public IReadOnlyList<VariantInput> Variants { get; }
    public DeploymentStrategy Strategy { get; private set; }
    public string SizeType { get; set; } = CapacitySizeTypes.CapacityPercent;
    public int SizeValue { get; set; }
    public int WaitSeconds { get; set; }
    public int BakeSeconds { get; set; }
    public int TimeoutSeconds { get; set; } = 3_600;
    public int? RollbackBatchPercent { get; set; }
    public string StepsText { get; set; } = "5, 25, 50, 100";
    public int StepMinutes { get; set; } = 10;
    public bool ApproveEachStep { get; set; } = true;

    /// <summary>For the gated canary: the variant whose model the canary replaces.</summary>
    public string? CanaryVariant { get; set; }

    public HashSet<string> Alarms { get; }
    public string? Reason { get; set; }
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    /// <summary>Switches strategy and fills in its usual timing (SageMaker's examples: 10 min waits, a 10 min bake).</summary>
    public void Apply(DeploymentStrategy strategy)
    {
        Strategy = strategy;
        (SizeValue, WaitSeconds, BakeSeconds) = strategy switch
        {
            DeploymentStrategy.Canary => (30, 600, 600),
            DeploymentStrategy.Linear => (25, 300, 600),
            DeploymentStrategy.Rolling => (50, 300, 0),
            _ => (0, 0, 600),
        };
        SizeType = CapacitySizeTypes.CapacityPercent;
        TimeoutSeconds = 3_600;
    }

    public void Toggle(string alarm, bool on)
    {
        if (on)
        {
            Alarms.Add(alarm);
        }
        else
        {
            Alarms.Remove(alarm);
        }
    }

    public DeploymentPlan Plan(string endpoint, IEnumerable<string> offered)
    {
        var targets = Strategy == DeploymentStrategy.GatedCanary
            ? Variants.Where(v => v.Variant == (CanaryVariant ?? Variants[0].Variant))
            : Variants;
        return new DeploymentPlan(endpoint, Strategy,
            targets.Select(v => new VariantTarget(v.Variant, v.Model ?? "", Blank(v.InstanceType), v.InstanceCount)).ToList(),
            offered.Where(Alarms.Contains).ToList())
        {
            Size = Strategy is DeploymentStrategy.Canary or DeploymentStrategy.Linear or DeploymentStrategy.Rolling
                ? new CapacitySize(SizeType, SizeValue) : null,
            WaitSeconds = Strategy == DeploymentStrategy.AllAtOnce ? 0 : WaitSeconds,
            BakeSeconds = Strategy == DeploymentStrategy.Rolling ? 0 : BakeSeconds,
            TimeoutSeconds = TimeoutSeconds,
            RollbackBatch = Strategy == DeploymentStrategy.Rolling && RollbackBatchPercent is { } rollback
                ? new CapacitySize(CapacitySizeTypes.CapacityPercent, rollback) : null,
            Steps = Strategy == DeploymentStrategy.GatedCanary ? ParseSteps(StepsText) : [],
            StepMinutes = StepMinutes,
            ApproveEachStep = ApproveEachStep,
        };
    }

    public string? Error(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>A field's error goes once the field is changed; the server checks everything again on Propose.</summary>
    public void Clear(string field) => Errors = Errors.Where(e => e.Field != field).ToList();

    /// <summary>"5, 25, 50, 100" → [5, 25, 50, 100]; a part that is not a whole number becomes 0, which the rules refuse.</summary>
    public static IReadOnlyList<int> ParseSteps(string? text) =>
        (text ?? "").Split([',', ' ', '→', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToList();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
