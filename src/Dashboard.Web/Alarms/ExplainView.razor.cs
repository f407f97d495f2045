using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Web.Components.Charts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Alarms;

public partial class ExplainView
{
    private const int Width = 560;
    private const int Height = 120;
    private ExplainChart _chart = ExplainChart.Empty;

    [Parameter, EditorRequired] public AlarmEvaluation Evaluation { get; set; } = default!;

    [Parameter, EditorRequired] public AlarmDefinition Alarm { get; set; } = default!;

    private bool HasBand => Evaluation.Periods.Any(p => p.Lower is not null);

    private bool HasSamples => Evaluation.Periods.Any(p => p.SampleCount is not null);

    private string ThresholdText => Value(Alarm.Threshold);

    /// <summary>CloudWatch's reasoning in one sentence: M of N, missing data and the special rules that applied.</summary>
    private string Summary
    {
        get
        {
            if (Alarm.Kind == AlarmKind.Composite)
            {
                return $"Rule {Alarm.AlarmRule} evaluated to {(Evaluation.State == AlarmState.Alarm ? "true" : "false")}.";
            }
            var parts = new List<string>
            {
                $"{Evaluation.BreachingCount} of the evaluated datapoints breached; {Evaluation.DatapointsToAlarm} of {Evaluation.EvaluationPeriods} are needed for ALARM"
                + (Evaluation.BreachingCount >= Evaluation.DatapointsToAlarm ? " — met." : " — not met."),
            };
            var missing = Evaluation.Periods.Count(p => p.Value is null);
            if (Evaluation.MissingDataFilled)
            {
                parts.Add($"Fewer than {Evaluation.EvaluationPeriods} real datapoints: {missing} missing period(s) were filled as TreatMissingData = {Alarm.TreatMissingData.ToWire()} says.");
            }
            else if (missing > 0)
            {
                parts.Add($"{missing} missing period(s) were not needed: enough real datapoints existed, so TreatMissingData did not apply.");
            }
            if (Evaluation.Premature)
            {
                parts.Add("Premature ALARM: every real datapoint breached and the missing ones could not have changed the outcome.");
            }
            if (Evaluation.KeptStateIgnoringMissing)
            {
                parts.Add("TreatMissingData = ignore: the state was kept.");
            }
            if (Evaluation.LowSampleCountKeptState)
            {
                parts.Add("Too few requests behind the percentile and EvaluateLowSampleCountPercentile = ignore: the state was kept.");
            }
            return string.Join(" ", parts);
        }
    }

    protected override void OnParametersSet() =>
        _chart = ExplainChart.Compute(Evaluation.Periods.Select(p => p with { Value = Display(p.Value), Lower = Display(p.Lower), Upper = Display(p.Upper) }).ToList(),
            Alarm.Kind is AlarmKind.Metric or AlarmKind.MetricMath ? AlarmText.ForDisplay(Alarm, Alarm.Threshold) : null, Width, Height);

    private double? Display(double? stored) => stored is { } v ? AlarmText.ForDisplay(Alarm, v) : null;

    private string Value(double stored) => ChartFormat.ValueWithUnit(AlarmText.ForDisplay(Alarm, stored), AlarmText.Unit(Alarm) is "count" ? null : AlarmText.Unit(Alarm));

    private static string Time(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    internal static string VerdictText(PeriodVerdict verdict) => verdict switch
    {
        PeriodVerdict.Breaching => "breaching",
        PeriodVerdict.NotBreaching => "not breaching",
        PeriodVerdict.MissingNotNeeded => "missing, not needed",
        PeriodVerdict.MissingAsBreaching => "missing, filled as breaching",
        PeriodVerdict.MissingAsNotBreaching => "missing, filled as not breaching",
        PeriodVerdict.Missing => "missing",
        PeriodVerdict.LowSampleIgnored => "too few samples, not evaluated",
        _ => "older than the N newest, not evaluated",
    };

    private static string Fill(PeriodVerdict verdict) => verdict switch
    {
        PeriodVerdict.Breaching or PeriodVerdict.MissingAsBreaching => "var(--mud-palette-error)",
        PeriodVerdict.NotBreaching or PeriodVerdict.MissingAsNotBreaching => "var(--mud-palette-success)",
        _ => "var(--mud-palette-text-disabled)",
    };

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Bars for the evaluated periods (missing ones drawn hollow at full height), scaled with the threshold in view.</summary>
internal sealed record ExplainChart(IReadOnlyList<ExplainChart.Bar> Bars, double? ThresholdY)
{
    public static readonly ExplainChart Empty = new([], null);

    internal sealed record Bar(long Time, double X, double Width, double Top, double Height, PeriodVerdict Verdict, bool Missing, string? Label);

    public static ExplainChart Compute(IReadOnlyList<EvaluatedPeriod> periods, double? threshold, double width, double height)
    {
        if (periods.Count == 0)
        {
            return Empty;
        }
        const double pad = 16;
        var values = periods.SelectMany(p => new[] { p.Value, p.Upper }).OfType<double>().Append(threshold ?? 0).Append(0).ToList();
        var max = values.Max();
        var min = Math.Min(0, values.Min());
        var range = max - min <= 0 ? 1 : max - min;
        double Y(double v) => pad + (max - v) / range * (height - 2 * pad);

        var slot = width / periods.Count;
        var bars = periods.Select((p, i) =>
        {
            var missing = p.Value is null;
            var top = missing ? pad : Y(Math.Max(p.Value!.Value, 0));
            var bottom = Y(Math.Min(p.Value ?? min, 0));
            return new Bar(p.Time, i * slot + slot * 0.15, slot * 0.7, top, Math.Max(bottom - top, 1), p.Verdict, missing,
                p.Value is { } value ? ChartFormat.Value(value) : null);
        }).ToList();
        return new ExplainChart(bars, threshold is { } t ? Y(t) : null);
    }
}
