using Microsoft.Extensions.Options;

namespace Dashboard.Core.Retraining;

/// <summary>Configuration section "Retraining": following pipeline runs and the drift rule that proposes them.</summary>
public sealed class RetrainingOptions
{
    public const string Section = "Retraining";

    /// <summary>How often running executions are described (at most; an approval starts one at once).</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the drift rule proposes retraining by itself; null: on with the built-in simulator, off against AWS.
    /// Its proposals still wait for an Operator's approval.
    /// </summary>
    public bool? AutoPropose { get; set; }

    /// <summary>The rule proposes when some feature's hourly drift score has been at or over its threshold this many hours in a row.</summary>
    public int DriftHours { get; set; } = 6;

    /// <summary>How often the rule looks at the stored drift series.</summary>
    public TimeSpan RuleInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After any proposal for an endpoint (decided or not), the rule waits this long before proposing for it again.</summary>
    public TimeSpan RuleCooldown { get; set; } = TimeSpan.FromHours(24);
}

public sealed class RetrainingOptionsValidator : IValidateOptions<RetrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrainingOptions options)
    {
        var errors = new List<string>();
        if (options.FollowInterval < TimeSpan.FromSeconds(1) || options.FollowInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{RetrainingOptions.Section}:FollowInterval must be between 00:00:01 and 00:10:00 (was {options.FollowInterval}).");
        }
        if (options.DriftHours is < 1 or > 168)
        {
            errors.Add($"{RetrainingOptions.Section}:DriftHours must be between 1 and 168 (was {options.DriftHours}).");
        }
        if (options.RuleInterval < TimeSpan.FromSeconds(10) || options.RuleInterval > TimeSpan.FromHours(6))
        {
            errors.Add($"{RetrainingOptions.Section}:RuleInterval must be between 00:00:10 and 06:00:00 (was {options.RuleInterval}).");
        }
        if (options.RuleCooldown < TimeSpan.Zero || options.RuleCooldown > TimeSpan.FromDays(30))
        {
            errors.Add($"{RetrainingOptions.Section}:RuleCooldown must be between 00:00:00 and 30.00:00:00 (was {options.RuleCooldown}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
