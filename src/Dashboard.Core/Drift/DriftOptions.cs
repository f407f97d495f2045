using Microsoft.Extensions.Options;

namespace Dashboard.Core.Drift;

/// <summary>Configuration section "Drift": reading data capture and ground truth from S3.</summary>
public sealed class DriftOptions
{
    public const string Section = "Drift";

    /// <summary>How often new capture and ground-truth files are looked for (SageMaker delivers capture within minutes).</summary>
    public TimeSpan ReadInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far back the first read goes, in days.</summary>
    public int BackfillDays { get; set; } = 7;

    /// <summary>How long hourly summaries, predictions awaiting labels and the list of read files are kept, in days.</summary>
    public int RetentionDays { get; set; } = 35;

    /// <summary>An hour with fewer records is scored together with the hours before it, up to a day, until it has this many.</summary>
    public int MinRecordsPerScore { get; set; } = 200;

    /// <summary>The largest baseline data set read from S3, in bytes (it is streamed, so this bounds the time, not memory).</summary>
    public long DataSetMaxBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How long reading a baseline data set may take before it is refused (the page waits for it, never blocked).</summary>
    public TimeSpan DataSetTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The data set column holding the label: left out of the features.</summary>
    public string LabelColumn { get; set; } = "label";
}

public sealed class DriftOptionsValidator : IValidateOptions<DriftOptions>
{
    public ValidateOptionsResult Validate(string? name, DriftOptions options)
    {
        var errors = new List<string>();
        if (options.ReadInterval < TimeSpan.FromSeconds(5) || options.ReadInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{DriftOptions.Section}:ReadInterval must be between 00:00:05 and 01:00:00 (was {options.ReadInterval}).");
        }
        if (options.BackfillDays is < 1 or > 30)
        {
            errors.Add($"{DriftOptions.Section}:BackfillDays must be between 1 and 30 (was {options.BackfillDays}).");
        }
        if (options.RetentionDays < options.BackfillDays || options.RetentionDays > 400)
        {
            errors.Add($"{DriftOptions.Section}:RetentionDays must be between BackfillDays and 400 (was {options.RetentionDays}).");
        }
        if (options.MinRecordsPerScore is < 1 or > 100_000)
        {
            errors.Add($"{DriftOptions.Section}:MinRecordsPerScore must be between 1 and 100000 (was {options.MinRecordsPerScore}).");
        }
        if (options.DataSetMaxBytes is < 1024 or > 16L * 1024 * 1024 * 1024)
        {
            errors.Add($"{DriftOptions.Section}:DataSetMaxBytes must be between 1024 and 17179869184 (was {options.DataSetMaxBytes}).");
        }
        if (options.DataSetTimeout < TimeSpan.FromSeconds(1) || options.DataSetTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{DriftOptions.Section}:DataSetTimeout must be between 00:00:01 and 00:10:00 (was {options.DataSetTimeout}).");
        }
        if (string.IsNullOrWhiteSpace(options.LabelColumn))
        {
            errors.Add($"{DriftOptions.Section}:LabelColumn must name a column (was empty).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
