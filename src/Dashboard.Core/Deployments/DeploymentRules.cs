using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Deployments;

/// <summary>What a plan is checked against: the endpoint as it is, the account's models and the alarms that can roll it back.</summary>
public sealed record DeploymentContext(EndpointState Endpoint, IReadOnlyList<string> Models, IReadOnlyList<string> Alarms);

/// <summary>
/// The checks SageMaker makes of a deployment (and the dashboard's own for the gated canary), each at the field that is
/// wrong, so nothing is proposed, let alone created in SageMaker, that SageMaker would refuse.
/// </summary>
public static class DeploymentRules
{
    public const string StrategyField = "Strategy";
    public const string SizeField = "Size";
    public const string WaitField = "WaitSeconds";
    public const string BakeField = "BakeSeconds";
    public const string TimeoutField = "TimeoutSeconds";
    public const string RollbackBatchField = "RollbackBatch";
    public const string StepsField = "Steps";
    public const string StepMinutesField = "StepMinutes";
    public const string AlarmsField = "RollbackAlarms";
    public const string VariantsField = "Variants";

    public const int MaxWaitSeconds = 3_600;
    public const int MinTimeoutSeconds = 600;
    public const int MaxTimeoutSeconds = 28_800;
    public const int MaxAlarms = 10;
    public const int MaxInstances = 100;

    /// <summary>
    /// SageMaker strategies carry one more alarm than chosen: the dashboard's own, which it sets to ALARM to abort.
    /// </summary>
    public static int MaxChosenAlarms(DeploymentStrategy strategy) => strategy == DeploymentStrategy.GatedCanary ? MaxAlarms : MaxAlarms - 1;

    public static string ModelField(string variant) => $"{VariantsField}.{variant}.Model";

    public static string InstanceTypeField(string variant) => $"{VariantsField}.{variant}.InstanceType";

    public static string InstanceCountField(string variant) => $"{VariantsField}.{variant}.InstanceCount";

    public static IReadOnlyList<FieldError> Check(DeploymentPlan plan, DeploymentContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<FieldError>();
        CheckVariants(plan, context, errors);
        var instances = Instances(plan, context.Endpoint);
        switch (plan.Strategy)
        {
            case DeploymentStrategy.Canary:
                CheckSize(plan.Size, instances, 1, 50, "The canary", errors, SizeField);
                break;
            case DeploymentStrategy.Linear:
                CheckSize(plan.Size, instances, 10, 50, "A linear step", errors, SizeField);
                break;
            case DeploymentStrategy.Rolling:
                CheckSize(plan.Size, instances, 5, 50, "A batch", errors, SizeField);
                if (context.Endpoint.Variants.Count > 1)
                {
                    errors.Add(new FieldError(StrategyField, "SageMaker's rolling deployments take endpoints with one variant; choose a blue/green strategy."));
                }
                if (plan.RollbackBatch is { } rollback)
                {
                    CheckSize(rollback, instances, 1, 100, "The rollback batch", errors, RollbackBatchField);
                }
                break;
            case DeploymentStrategy.GatedCanary:
                CheckSteps(plan, errors);
                break;
        }
        if (plan.IsSageMakers)
        {
            CheckSeconds(plan.WaitSeconds, WaitField, "The wait", errors);
            CheckSeconds(plan.BakeSeconds, BakeField, "The baking period", errors);
            var waits = DeploymentTimeline.TotalWaitSeconds(plan, instances);
            if (plan.TimeoutSeconds is < MinTimeoutSeconds or > MaxTimeoutSeconds)
            {
                errors.Add(new FieldError(TimeoutField, $"Enter a timeout from {MinTimeoutSeconds:N0} to {MaxTimeoutSeconds:N0} seconds."));
            }
            else if (plan.TimeoutSeconds <= waits)
            {
                errors.Add(new FieldError(TimeoutField,
                    $"The timeout must be longer than the waits added up ({waits:N0} s), or SageMaker gives up before the last step."));
            }
        }
        CheckAlarms(plan, context, errors);
        return errors;
    }

    /// <summary>The instances of the variant(s) being replaced (what percentages of capacity are of).</summary>
    public static int Instances(DeploymentPlan plan, EndpointState endpoint)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(endpoint);
        return plan.Variants.Sum(t => t.InstanceCount
            ?? endpoint.Variants.FirstOrDefault(v => v.Name == t.Variant)?.CurrentInstanceCount ?? 0);
    }

    private static void CheckVariants(DeploymentPlan plan, DeploymentContext context, List<FieldError> errors)
    {
        var endpoint = context.Endpoint;
        if (plan.Strategy == DeploymentStrategy.GatedCanary ? plan.Variants.Count != 1 : plan.Variants.Count != endpoint.Variants.Count)
        {
            errors.Add(new FieldError(VariantsField, plan.Strategy == DeploymentStrategy.GatedCanary
                ? "A gated canary replaces the model of one variant; choose one."
                : $"Choose a model for every variant of {endpoint.Name} ({string.Join(", ", endpoint.Variants.Select(v => v.Name))})."));
            return;
        }
        foreach (var target in plan.Variants)
        {
            var current = endpoint.Variants.FirstOrDefault(v => v.Name == target.Variant);
            if (current is null)
            {
                errors.Add(new FieldError(VariantsField, $"{endpoint.Name} has no variant named '{target.Variant}'."));
                continue;
            }
            if (string.IsNullOrWhiteSpace(target.Model))
            {
                errors.Add(new FieldError(ModelField(target.Variant), "Choose the model this variant should serve."));
            }
            else if (!context.Models.Contains(target.Model, StringComparer.Ordinal))
            {
                errors.Add(new FieldError(ModelField(target.Variant), $"There is no model named '{target.Model}' in this account."));
            }
            if (target.InstanceType is { } type && InstanceTypes.Find(type) is null)
            {
                errors.Add(new FieldError(InstanceTypeField(target.Variant), $"'{type}' is not an instance type SageMaker hosts in this region."));
            }
            if (target.InstanceCount is { } count && count is < 1 or > MaxInstances)
            {
                errors.Add(new FieldError(InstanceCountField(target.Variant), $"Enter a whole number of instances from 1 to {MaxInstances}."));
            }
        }
    }

    private static void CheckSize(CapacitySize? size, int instances, int minPercent, int maxPercent, string what, List<FieldError> errors,
        string field)
    {
        if (size is null || size.Value < 1)
        {
            errors.Add(new FieldError(field, $"{what} needs a size of at least 1."));
            return;
        }
        var percent = DeploymentTimeline.Percent(size, instances);
        if (percent < minPercent - 1e-9 || percent > maxPercent + 1e-9)
        {
            var asGiven = size.Type == CapacitySizeTypes.CapacityPercent ? $"{size.Value} %"
                : $"{size.Value} of {instances} instances ({percent:0.#} %)";
            errors.Add(new FieldError(field, $"{what} must be {minPercent}–{maxPercent} % of capacity; {asGiven} is not."));
        }
    }

    private static void CheckSeconds(int seconds, string field, string what, List<FieldError> errors)
    {
        if (seconds is < 0 or > MaxWaitSeconds)
        {
            errors.Add(new FieldError(field, $"{what} must be 0 to {MaxWaitSeconds:N0} seconds."));
        }
    }

    private static void CheckSteps(DeploymentPlan plan, List<FieldError> errors)
    {
        var steps = plan.Steps;
        if (steps.Count is < 1 or > 10 || steps.Any(s => s is < 1 or > 100))
        {
            errors.Add(new FieldError(StepsField, "Give 1 to 10 traffic shares, each from 1 to 100 %."));
        }
        else if (steps.Zip(steps.Skip(1)).Any(p => p.Second <= p.First))
        {
            errors.Add(new FieldError(StepsField, "Each share must be larger than the one before (e.g. 5, 25, 50, 100)."));
        }
        else if (steps[^1] != 100)
        {
            errors.Add(new FieldError(StepsField, "End at 100 %, when the new model takes all the traffic."));
        }
        if (plan.StepMinutes is < 1 or > 1_440)
        {
            errors.Add(new FieldError(StepMinutesField, "Hold each step for 1 to 1,440 minutes."));
        }
    }

    private static void CheckAlarms(DeploymentPlan plan, DeploymentContext context, List<FieldError> errors)
    {
        var max = MaxChosenAlarms(plan.Strategy);
        if (plan.RollbackAlarms.Count < 1 || plan.RollbackAlarms.Count > max)
        {
            errors.Add(new FieldError(AlarmsField, plan.IsSageMakers
                ? $"Choose 1 to {max} alarms (SageMaker takes 10; the dashboard adds its own to abort with)."
                : $"Choose 1 to {max} alarms."));
        }
        var unknown = plan.RollbackAlarms.Where(a => !context.Alarms.Contains(a, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new FieldError(AlarmsField, plan.IsSageMakers
                ? $"SageMaker can only watch alarms that exist in CloudWatch: {string.Join(", ", unknown)} does not."
                : $"{string.Join(", ", unknown)} is not an alarm on {context.Endpoint.Name}."));
        }
    }
}
