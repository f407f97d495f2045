using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Input;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>A stored metric without its statistic and period: what the series picker offers.</summary>
public sealed record SeriesChoice(string Namespace, string MetricName, string Dimensions)
{
    public static SeriesChoice Of(SeriesKey key) => new(key.Namespace, key.MetricName, key.Dimensions);

    public SeriesKey With(string stat, int period) => new(Namespace, MetricName, Dimensions, stat, period);

    public string? Variant => With("", 0).VariantName;

    /// <summary>"ModelLatency", or "ModelLatency (per instance host)" when the dimensions say more than the variant.</summary>
    public string Label
    {
        get
        {
            var key = With("", 0);
            var extra = key.DimensionList.Where(d => d.Key is not ("EndpointName" or "VariantName" or "Endpoint")).Select(d => d.Value).ToList();
            var name = SageMakerMetrics.IsDrift(MetricName) ? "drift of " + MetricName[SageMakerMetrics.DriftPrefix.Length..] : MetricName;
            return extra.Count == 0 ? name : $"{name} ({string.Join(", ", extra)})";
        }
    }
}

/// <summary>One metric of a math expression as the form edits it.</summary>
public sealed class MathRow
{
    public string Id { get; set; } = "";
    public SeriesChoice? Series { get; set; }
    public string Stat { get; set; } = "Sum";
}

/// <summary>
/// The editor's mutable copy of an <see cref="AlarmDefinition"/>. The threshold is held in the unit people read
/// (latency in ms) and converted to the stored unit (µs) only when the definition is built.
/// </summary>
public sealed class AlarmForm
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public AlarmKind Kind { get; set; } = AlarmKind.Metric;
    public string? Endpoint { get; set; }
    public SeriesChoice? Series { get; set; }
    public string Stat { get; set; } = "Average";
    public int Period { get; set; } = 60;
    /// <summary>Null while the field is empty or refused (the counts and numbers below too).</summary>
    public int? EvaluationPeriods { get; set; } = 5;

    public int? DatapointsToAlarm { get; set; } = 5;
    public ComparisonOperator Comparison { get; set; } = ComparisonOperator.GreaterThanThreshold;

    /// <summary>In <see cref="DisplayUnit"/>; null while the field is empty.</summary>
    public double? Threshold { get; set; }

    public double? BandWidth { get; set; } = 2;
    public TreatMissingData TreatMissingData { get; set; } = TreatMissingData.Missing;
    public bool EvaluateLowSampleCountPercentile { get; set; } = true;
    public bool ActionsEnabled { get; set; } = true;
    public bool MirrorToCloudWatch { get; set; }
    public List<MathRow> MathRows { get; } = [];
    public string? Expression { get; set; }
    public string? AlarmRule { get; set; }

    public bool IsPercentile => Kind is AlarmKind.Metric or AlarmKind.AnomalyDetection
        ? Statistics.ParsePercentile(Stat) is not null
        : Kind == AlarmKind.MetricMath && MathRows.Any(r => Statistics.ParsePercentile(r.Stat) is not null);

    /// <summary>"ms" for latency, "%" for utilisation, "count"…; empty for expressions, whose unit is their own.</summary>
    public string DisplayUnit => Kind == AlarmKind.MetricMath || Series is null ? "" : Units.DisplayUnit(Series.MetricName);

    /// <summary>
    /// The threshold's rule in <see cref="DisplayUnit"/>: latency is typed in ms and stored in µs (rounded to 6 decimals),
    /// so its bounds are a thousandth of the stored ones and it takes at most 9 decimals, which the rounding keeps.
    /// </summary>
    public NumberRule ThresholdRule => Kind == AlarmKind.Metric && Series is { } series && SageMakerMetrics.IsLatency(series.MetricName)
        ? AlarmValidator.ThresholdRule with { Min = AlarmValidator.ThresholdRule.Min / 1000, Max = AlarmValidator.ThresholdRule.Max / 1000, Decimals = 9 }
        : AlarmValidator.ThresholdRule;

    /// <summary>The value stored for a threshold typed in the display unit of <paramref name="metricName"/>.</summary>
    public static double ToStored(string? metricName, double display) =>
        metricName is not null && SageMakerMetrics.IsLatency(metricName) ? Math.Round(display * 1000, 6) : display;

    /// <summary>The value shown for a threshold stored for <paramref name="metricName"/>.</summary>
    public static double ToDisplay(string? metricName, double stored) =>
        metricName is not null ? Units.ForDisplay(metricName, stored) : stored;

    public AlarmDefinition ToDefinition()
    {
        var metricKinds = Kind is AlarmKind.Metric or AlarmKind.AnomalyDetection;
        return new AlarmDefinition
        {
            Name = Name.Trim(),
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description,
            Kind = Kind,
            Metric = metricKinds ? Series?.With(Stat, Period) : null,
            Metrics = Kind == AlarmKind.MetricMath
                ? MathRows.Where(r => r.Series is not null).Select(r => new AlarmMetric(r.Id.Trim(), r.Series!.With(r.Stat, Period))).ToList()
                : [],
            Expression = Kind == AlarmKind.MetricMath ? Expression : null,
            AlarmRule = Kind == AlarmKind.Composite ? AlarmRule : null,
            Period = Period,
            // An empty or refused count is 0 and a number NaN: the validator refuses them at their fields.
            EvaluationPeriods = EvaluationPeriods ?? 0,
            DatapointsToAlarm = DatapointsToAlarm ?? 0,
            Comparison = Comparison,
            // An empty field is not 0: NaN makes the validator say so at the threshold.
            Threshold = Kind is AlarmKind.AnomalyDetection or AlarmKind.Composite ? 0
                : Threshold is { } t ? ToStored(Kind == AlarmKind.Metric ? Series?.MetricName : null, t)
                : double.NaN,
            BandWidth = BandWidth ?? double.NaN,
            TreatMissingData = TreatMissingData,
            EvaluateLowSampleCountPercentile = EvaluateLowSampleCountPercentile,
            ActionsEnabled = ActionsEnabled,
            MirrorToCloudWatch = MirrorToCloudWatch,
        };
    }

    public static AlarmForm From(AlarmDefinition alarm)
    {
        var form = new AlarmForm
        {
            Name = alarm.Name,
            Description = alarm.Description,
            Kind = alarm.Kind,
            Endpoint = alarm.Endpoint,
            Series = alarm.Metric is { } m ? SeriesChoice.Of(m) : null,
            Stat = alarm.Metric?.Stat ?? "Average",
            Period = alarm.Period,
            EvaluationPeriods = alarm.EvaluationPeriods,
            DatapointsToAlarm = alarm.DatapointsToAlarm,
            Comparison = alarm.Comparison,
            Threshold = double.IsFinite(alarm.Threshold)
                ? ToDisplay(alarm.Kind == AlarmKind.Metric ? alarm.Metric?.MetricName : null, alarm.Threshold)
                : null,
            BandWidth = alarm.BandWidth,
            TreatMissingData = alarm.TreatMissingData,
            EvaluateLowSampleCountPercentile = alarm.EvaluateLowSampleCountPercentile,
            ActionsEnabled = alarm.ActionsEnabled,
            MirrorToCloudWatch = alarm.MirrorToCloudWatch,
            Expression = alarm.Expression,
            AlarmRule = alarm.AlarmRule,
        };
        form.MathRows.AddRange(alarm.Metrics.Select(m => new MathRow { Id = m.Id, Series = SeriesChoice.Of(m.Series), Stat = m.Series.Stat }));
        return form;
    }

    /// <summary>The next free id for a math row: m1, m2, …</summary>
    public string NextMathId()
    {
        for (var i = 1; ; i++)
        {
            var id = "m" + i.ToString(CultureInfo.InvariantCulture);
            if (MathRows.All(r => r.Id != id))
            {
                return id;
            }
        }
    }
}
