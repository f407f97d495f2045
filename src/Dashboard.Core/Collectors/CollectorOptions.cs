using Microsoft.Extensions.Options;

namespace Dashboard.Core.Collectors;

/// <summary>Configuration section "Collectors": how often each source is polled and how much history is kept.</summary>
public sealed class CollectorOptions
{
    public const string Section = "Collectors";

    /// <summary>Only endpoints whose name starts with this are watched (unset: every endpoint of the region).</summary>
    public string? EndpointNamePrefix { get; set; }

    /// <summary>Only endpoints that carry every one of these tags (key = value) are watched (unset: no tag filter).</summary>
    public Dictionary<string, string> EndpointTags { get; set; } = [];

    /// <summary>How often SageMaker endpoints are listed and described.</summary>
    public TimeSpan FleetInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often CloudWatch metrics are polled.</summary>
    public TimeSpan MetricInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the vital series of a quiet endpoint are read: invocations, 4XX and 5XX errors and p90 model latency
    /// (<see cref="PollCadence.IsVital"/>). Unset: <see cref="DefaultVitalMetricInterval"/> against AWS (never shorter
    /// than <see cref="MetricInterval"/>), <see cref="MetricInterval"/> on the simulated fleet.
    /// </summary>
    public TimeSpan? VitalMetricInterval { get; set; }

    /// <summary>
    /// How often the other series of a quiet endpoint are read (utilisation, the other latency statistics), each time
    /// with every minute since the last read. Series an alarm reads, and every series of an endpoint that is deploying
    /// or has an alarm in ALARM, are read every <see cref="MetricInterval"/>. Unset: <see cref="DefaultSlowMetricInterval"/>
    /// against AWS, <see cref="MetricInterval"/> on the simulated fleet (which costs nothing).
    /// </summary>
    public TimeSpan? SlowMetricInterval { get; set; }

    /// <summary>What <see cref="VitalMetricInterval"/> is against AWS when it is not set.</summary>
    public static readonly TimeSpan DefaultVitalMetricInterval = TimeSpan.FromMinutes(5);

    /// <summary>What <see cref="SlowMetricInterval"/> is against AWS when it is not set.</summary>
    public static readonly TimeSpan DefaultSlowMetricInterval = TimeSpan.FromMinutes(60);

    /// <summary>The longest a slow series may wait, with the trailing window: all of it is read in one request window.</summary>
    public static readonly TimeSpan MaxSlowLookback = TimeSpan.FromHours(2);

    /// <summary>How much history the first start fetches (CloudWatch keeps 1-minute data for 15 days).</summary>
    public int BackfillDays { get; set; } = 14;

    /// <summary>Every poll re-reads this much before the watermark: late points are revised at no extra cost.</summary>
    public TimeSpan TrailingWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often ListMetrics runs to discover series (new endpoints, new dimension sets).</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Longest wait between retries while a source keeps failing.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class CollectorOptionsValidator : IValidateOptions<CollectorOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectorOptions options)
    {
        var errors = new List<string>();
        if (options.EndpointNamePrefix is { } prefix && !System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-zA-Z0-9-]{1,63}$"))
        {
            errors.Add($"{CollectorOptions.Section}:EndpointNamePrefix may only hold letters, digits and '-', at most 63 (was '{prefix}').");
        }
        if (options.FleetInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{CollectorOptions.Section}:FleetInterval must be at least 00:00:01 (was {options.FleetInterval}).");
        }
        if (options.MetricInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{CollectorOptions.Section}:MetricInterval must be at least 00:00:01 (was {options.MetricInterval}).");
        }
        var vital = PollCadence.IntervalOf(SeriesCadence.Vital, options);
        if (options.VitalMetricInterval is { } vitalSet && vitalSet < options.MetricInterval)
        {
            errors.Add($"{CollectorOptions.Section}:VitalMetricInterval must not be shorter than Collectors:MetricInterval (was {vitalSet}).");
        }
        if (vital + options.TrailingWindow > CollectorOptions.MaxSlowLookback)
        {
            errors.Add($"{CollectorOptions.Section}:VitalMetricInterval plus Collectors:TrailingWindow must not exceed {CollectorOptions.MaxSlowLookback} (was {vital}).");
        }
        if (options.SlowMetricInterval is { } slow)
        {
            if (slow < options.MetricInterval || (options.VitalMetricInterval is { } vitalSlowest && slow < vitalSlowest))
            {
                errors.Add($"{CollectorOptions.Section}:SlowMetricInterval must not be shorter than Collectors:VitalMetricInterval or Collectors:MetricInterval (was {slow}).");
            }
            if (slow + options.TrailingWindow > CollectorOptions.MaxSlowLookback)
            {
                errors.Add($"{CollectorOptions.Section}:SlowMetricInterval plus Collectors:TrailingWindow must not exceed {CollectorOptions.MaxSlowLookback} "
                    + $"(a slow series is read with every minute since its last read in one request window) (was {slow}).");
            }
        }
        if (options.BackfillDays is < 1 or > 15)
        {
            errors.Add($"{CollectorOptions.Section}:BackfillDays must be between 1 and 15, CloudWatch's retention of 1-minute data (was {options.BackfillDays}).");
        }
        if (options.TrailingWindow < TimeSpan.Zero || options.TrailingWindow > TimeSpan.FromMinutes(50))
        {
            errors.Add($"{CollectorOptions.Section}:TrailingWindow must be between 00:00:00 and 00:50:00 (it is re-read inside the last hour's window) (was {options.TrailingWindow}).");
        }
        if (options.DiscoveryInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{CollectorOptions.Section}:DiscoveryInterval must be at least 00:00:01 (was {options.DiscoveryInterval}).");
        }
        if (options.MaxBackoff < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{CollectorOptions.Section}:MaxBackoff must be at least 00:00:01 (was {options.MaxBackoff}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
