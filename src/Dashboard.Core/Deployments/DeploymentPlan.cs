using System.Globalization;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Deployments;

/// <summary>
/// How a new model reaches production: SageMaker's blue/green (all at once, canary, linear) or rolling deployment, or
/// the dashboard's own gated canary, whose traffic steps wait for their analysis and, where the plan says so, an operator.
/// </summary>
public enum DeploymentStrategy
{
    AllAtOnce,
    Canary,
    Linear,
    Rolling,
    GatedCanary,
}

/// <summary>What a production variant should serve after the deployment; null instance type or count keeps the current one.</summary>
public sealed record VariantTarget(string Variant, string Model, string? InstanceType = null, int? InstanceCount = null);

/// <summary>
/// A deployment as proposed: the models per variant, the strategy and its timing, and the alarms that roll it back.
/// <see cref="Size"/> is the canary size, the linear step or the rolling batch; <see cref="Steps"/> and
/// <see cref="StepMinutes"/> are the gated canary's traffic shares and how long each is held.
/// </summary>
public sealed record DeploymentPlan(string Endpoint, DeploymentStrategy Strategy, IReadOnlyList<VariantTarget> Variants,
    IReadOnlyList<string> RollbackAlarms)
{
    public CapacitySize? Size { get; init; }
    public int WaitSeconds { get; init; }
    public int BakeSeconds { get; init; }
    public int TimeoutSeconds { get; init; } = 3_600;
    public CapacitySize? RollbackBatch { get; init; }
    public IReadOnlyList<int> Steps { get; init; } = [];
    public int StepMinutes { get; init; } = 10;
    public bool ApproveEachStep { get; init; }

    public bool IsSageMakers => Strategy != DeploymentStrategy.GatedCanary;

    /// <summary>The strategy for people: "Canary (blue/green)".</summary>
    public string StrategyName => Strategy switch
    {
        DeploymentStrategy.AllAtOnce => "All at once (blue/green)",
        DeploymentStrategy.Canary => "Canary (blue/green)",
        DeploymentStrategy.Linear => "Linear (blue/green)",
        DeploymentStrategy.Rolling => "Rolling",
        _ => "Dashboard-gated canary",
    };

    /// <summary>"30 % of capacity", "2 instances".</summary>
    public static string SizeText(CapacitySize? size) => size is null ? "—"
        : size.Type == CapacitySizeTypes.CapacityPercent ? $"{size.Value} % of capacity"
        : size.Value == 1 ? "1 instance" : $"{size.Value} instances";

    /// <summary>"10 min", "90 s", "1 h 30 min".</summary>
    public static string Duration(int seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return seconds < 120 && seconds % 60 != 0 ? $"{seconds} s"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h" + (span.Minutes > 0 ? $" {span.Minutes} min" : "")
            : $"{(int)span.TotalMinutes} min";
    }

    /// <summary>
    /// The plan in words: "30 % of capacity on the new fleet for 10 min, then 100 %, bake 10 min; rolls back if
    /// churn-latency-p90 or churn-5xx-rate goes to ALARM".
    /// </summary>
    public string Describe()
    {
        var alarms = RollbackAlarms.Count == 0 ? "no alarm rolls it back"
            : $"rolls back if {string.Join(" or ", RollbackAlarms)} goes to ALARM";
        var bake = BakeSeconds > 0 ? $", bake {Duration(BakeSeconds)}" : "";
        var shift = Strategy switch
        {
            DeploymentStrategy.AllAtOnce => $"All traffic to the new fleet at once{bake}",
            DeploymentStrategy.Canary => $"{SizeText(Size)} on the new fleet for {Duration(WaitSeconds)}, then 100 %{bake}",
            DeploymentStrategy.Linear => $"Steps of {SizeText(Size)} to the new fleet, {Duration(WaitSeconds)} each{bake}",
            DeploymentStrategy.Rolling => $"Replace {SizeText(Size)} at a time, {Duration(WaitSeconds)} between batches"
                + (RollbackBatch is null ? "" : $", roll back {SizeText(RollbackBatch)} at a time"),
            _ => $"The new model as a second variant: {string.Join(" → ", Steps.Select(s => $"{s} %"))}, "
                + $"{StepMinutes} min each" + (ApproveEachStep ? ", each step approved by an operator" : ", advancing when the analysis passes"),
        };
        var timeout = IsSageMakers ? $"; gives up after {Duration(TimeoutSeconds)}" : "";
        return $"{shift}; {alarms}{timeout}.";
    }

    /// <summary>The models for people: "AllTraffic → churn-xgboost-2026-12 (ml.m5.2xlarge × 3)".</summary>
    public string Models() => string.Join("; ", Variants.Select(v => $"{v.Variant} → {v.Model}"
        + (v.InstanceType is null && v.InstanceCount is null ? ""
            : $" ({v.InstanceType ?? "same type"} × {(v.InstanceCount?.ToString(CultureInfo.InvariantCulture) ?? "same count")})")));
}
