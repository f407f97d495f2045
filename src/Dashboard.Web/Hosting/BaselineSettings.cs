using Dashboard.Core.Baselines;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>Configuration section "Baseline": the rule every chart's band follows.</summary>
public sealed class BaselineSettings
{
    public const string Section = "Baseline";

    /// <summary>Days of history the seasonal band is computed from.</summary>
    public int LookbackDays { get; set; } = 7;

    /// <summary>Band half-width in robust standard deviations (1.4826 × MAD).</summary>
    public double K { get; set; } = 3.0;

    /// <summary>Fewest samples an hour needs before a band is drawn for it.</summary>
    public int MinSamples { get; set; } = 30;

    public BaselineOptions ToOptions() => new(LookbackDays, K, MinSamples);
}

public sealed class BaselineSettingsValidator : IValidateOptions<BaselineSettings>
{
    public ValidateOptionsResult Validate(string? name, BaselineSettings options)
    {
        var errors = new List<string>();
        if (options.LookbackDays is < 1 or > 14)
        {
            errors.Add($"{BaselineSettings.Section}:LookbackDays must be between 1 and 14 (was {options.LookbackDays}).");
        }
        if (!double.IsFinite(options.K) || options.K <= 0)
        {
            errors.Add($"{BaselineSettings.Section}:K must be a positive number (was {options.K}).");
        }
        if (options.MinSamples < 1)
        {
            errors.Add($"{BaselineSettings.Section}:MinSamples must be at least 1 (was {options.MinSamples}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
