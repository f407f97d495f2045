using Microsoft.Extensions.Options;

namespace Dashboard.Core.Alarms;

/// <summary>Configuration section "Alarms": evaluation and mirroring to CloudWatch.</summary>
public sealed class AlarmOptions
{
    public const string Section = "Alarms";

    /// <summary>How often every alarm is evaluated (CloudWatch evaluates each minute).</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Live mode: SNS topic ARNs given to CloudWatch as AlarmActions of mirrored alarms (at most 5).</summary>
    public List<string> AlarmActionArns { get; set; } = [];

    /// <summary>Live mode: SNS topic ARNs given to CloudWatch as OKActions of mirrored alarms (at most 5).</summary>
    public List<string> OkActionArns { get; set; } = [];

    /// <summary>How often CloudWatch's own state of mirrored alarms is read back.</summary>
    public TimeSpan MirrorInterval { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed class AlarmOptionsValidator : IValidateOptions<AlarmOptions>
{
    private const int MaxActions = 5;

    public ValidateOptionsResult Validate(string? name, AlarmOptions options)
    {
        var errors = new List<string>();
        if (options.EvaluationInterval < TimeSpan.FromSeconds(1) || options.EvaluationInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{AlarmOptions.Section}:EvaluationInterval must be between 00:00:01 and 00:05:00 (was {options.EvaluationInterval}).");
        }
        if (options.MirrorInterval < TimeSpan.FromSeconds(10))
        {
            errors.Add($"{AlarmOptions.Section}:MirrorInterval must be at least 00:00:10 (was {options.MirrorInterval}).");
        }
        CheckArns(options.AlarmActionArns, "AlarmActionArns", errors);
        CheckArns(options.OkActionArns, "OkActionArns", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckArns(List<string> arns, string key, List<string> errors)
    {
        if (arns.Count > MaxActions)
        {
            errors.Add($"{AlarmOptions.Section}:{key} may hold at most {MaxActions} ARNs, as CloudWatch allows (has {arns.Count}).");
        }
        for (var i = 0; i < arns.Count; i++)
        {
            if (!arns[i].StartsWith("arn:aws", StringComparison.Ordinal) || arns[i].Split(':').Length < 6)
            {
                errors.Add($"{AlarmOptions.Section}:{key}:{i} must be an ARN such as arn:aws:sns:eu-west-1:123456789012:ops (was '{arns[i]}').");
            }
        }
    }
}
