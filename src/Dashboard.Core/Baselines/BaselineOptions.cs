using Microsoft.Extensions.Options;

namespace Dashboard.Core.Baselines;

/// <summary>
/// Configuration section "Baseline": how a baseline band is built — how many days of history to learn from, how wide
/// the band is (K robust standard deviations either side of the median) and how many points an hour needs before a
/// band is trusted.
/// </summary>
public sealed record BaselineOptions
{
    public const string Section = "Baseline";

    /// <summary>Days of history the seasonal band is computed from.</summary>
    public int LookbackDays { get; set; } = 7;

    /// <summary>Band half-width in robust standard deviations (1.4826 × MAD).</summary>
    public double K { get; set; } = 3.0;

    /// <summary>Fewest samples an hour needs before a band is drawn for it.</summary>
    public int MinSamples { get; set; } = 30;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(LookbackDays, 1, nameof(LookbackDays));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSamples, 1, nameof(MinSamples));
        if (!(K > 0) || double.IsInfinity(K))
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, "K must be a positive, finite number.");
        }
    }
}

public sealed class BaselineOptionsValidator : IValidateOptions<BaselineOptions>
{
    public ValidateOptionsResult Validate(string? name, BaselineOptions options)
    {
        var errors = new List<string>();
        if (options.LookbackDays is < 1 or > 14)
        {
            errors.Add($"{BaselineOptions.Section}:LookbackDays must be between 1 and 14 (was {options.LookbackDays}).");
        }
        if (!double.IsFinite(options.K) || options.K <= 0)
        {
            errors.Add($"{BaselineOptions.Section}:K must be a positive number (was {options.K}).");
        }
        if (options.MinSamples < 1)
        {
            errors.Add($"{BaselineOptions.Section}:MinSamples must be at least 1 (was {options.MinSamples}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
