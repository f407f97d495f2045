using Microsoft.Extensions.Options;

namespace Dashboard.Core.Overview;

/// <summary>Configuration section "Overview": how the fleet page judges endpoints.</summary>
public sealed class OverviewOptions
{
    public const string Section = "Overview";

    /// <summary>Model Monitor's default drift threshold (constraints.json comparison_threshold).</summary>
    public double DriftThreshold { get; set; } = 0.1;

    /// <summary>Data older than this counts as delayed.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The overview is recomputed at most this often, however many people have the page open.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class OverviewOptionsValidator : IValidateOptions<OverviewOptions>
{
    public ValidateOptionsResult Validate(string? name, OverviewOptions options)
    {
        var errors = new List<string>();
        if (!double.IsFinite(options.DriftThreshold) || options.DriftThreshold <= 0)
        {
            errors.Add($"{OverviewOptions.Section}:DriftThreshold must be a positive number (was {options.DriftThreshold}).");
        }
        if (options.StaleAfter < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{OverviewOptions.Section}:StaleAfter must be at least 00:01:00 (was {options.StaleAfter}).");
        }
        if (options.RefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{OverviewOptions.Section}:RefreshInterval must be at least 00:00:01 (was {options.RefreshInterval}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
