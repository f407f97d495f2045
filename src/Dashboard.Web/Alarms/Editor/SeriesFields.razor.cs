using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Alarms.Editor;

public partial class SeriesFields
{
    private string _variant = "";
    private bool _variantChosen;

    [Parameter, EditorRequired] public AlarmForm Form { get; set; } = default!;
    [Parameter] public IReadOnlyList<string> Endpoints { get; set; } = [];

    /// <summary>The stored series of <see cref="AlarmForm.Endpoint"/> (every statistic and period).</summary>
    [Parameter] public IReadOnlyList<SeriesKey> Series { get; set; } = [];

    [Parameter] public IReadOnlyList<FieldError> Errors { get; set; } = [];
    [Parameter] public EventCallback<string?> OnEndpointChanged { get; set; }

    /// <summary>Called with the name of the <see cref="AlarmDefinition"/> property that changed.</summary>
    [Parameter] public EventCallback<string> OnChanged { get; set; }

    /// <summary>Variant names of the stored series; "" for series of the whole endpoint (Model Monitor's drift).</summary>
    private IReadOnlyList<string> Variants => Series.Select(k => k.VariantName ?? "").Distinct().Order(StringComparer.Ordinal).ToList();

    private string StatHelp => Form.Series is { } s && SageMakerMetrics.CollectedStats.TryGetValue(s.MetricName, out var stats)
        ? $"Stored: {string.Join(", ", stats)}. Any other (p95, p99.9…) is fetched from CloudWatch once the alarm is saved."
        : "Pick one or type any percentile, e.g. p97.5.";

    // The same ids the validator knows: rows with a metric chosen.
    private int? ExpressionErrorPosition =>
        MetricMath.Parse(Form.Expression ?? "", Form.MathRows.Where(r => r.Series is not null).Select(r => r.Id.Trim()).ToList()).Error?.Position;

    protected override void OnParametersSet()
    {
        if (Form.Series is { } series)
        {
            _variant = series.Variant ?? "";
        }
        else if (!_variantChosen || !Variants.Contains(_variant))
        {
            // A variant's own metrics first; the whole endpoint (drift) only when there is nothing else.
            _variant = Variants.FirstOrDefault(v => v.Length > 0) ?? Variants.FirstOrDefault() ?? "";
        }
    }

    /// <summary>The stored metrics (without statistic and period), of one variant or of all, latency first as on the endpoint page.</summary>
    private IEnumerable<SeriesChoice> Choices(string? variant) => Series
        .Where(k => variant is null || (k.VariantName ?? "") == variant)
        .Select(SeriesChoice.Of)
        .Distinct()
        .OrderBy(c => c.Variant ?? "", StringComparer.Ordinal)
        .ThenBy(c => Order(c.MetricName))
        .ThenBy(c => c.Label, StringComparer.Ordinal);

    private static int Order(string metric) => metric switch
    {
        SageMakerMetrics.ModelLatency => 0,
        SageMakerMetrics.OverheadLatency => 1,
        SageMakerMetrics.Invocations => 2,
        SageMakerMetrics.Invocation4XXErrors => 3,
        SageMakerMetrics.Invocation5XXErrors => 4,
        _ when SageMakerMetrics.IsDrift(metric) => 20,
        _ => 10,
    };

    private string ChoiceText(SeriesChoice? choice) => choice is null ? ""
        : Form.Kind == AlarmKind.MetricMath && Variants.Count > 1 && choice.Variant is { } v ? $"{v} · {choice.Label}"
        : choice.Label;

    private bool Has(string field) => Errors.Any(e => e.Field == field);

    private string? ErrorOf(string field)
    {
        var messages = Errors.Where(e => e.Field == field).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private Task SetVariant(string variant)
    {
        _variant = variant;
        _variantChosen = true;
        Form.Series = null;
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Metric));
    }

    private Task SetSeries(SeriesChoice choice)
    {
        Form.Series = choice;
        // Start from what is stored: the statistic and period of the series as collected (p90 for latency).
        var stored = Series.Where(k => SeriesChoice.Of(k) == choice).ToList();
        var preferred = stored.FirstOrDefault(k => k.Stat == "p90") ?? stored.FirstOrDefault();
        if (preferred is not null)
        {
            Form.Stat = preferred.Stat;
            Form.Period = preferred.Period;
        }
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Metric));
    }

    private Task SetStat(string? stat)
    {
        Form.Stat = stat?.Trim() ?? "";
        return OnChanged.InvokeAsync(AlarmValidator.StatField);
    }

    private Task SetPeriod(int period)
    {
        Form.Period = period;
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Period));
    }

    private Task SetRowId(MathRow row, string id)
    {
        row.Id = id;
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Metrics));
    }

    private Task SetRowSeries(MathRow row, SeriesChoice choice)
    {
        row.Series = choice;
        row.Stat = Series.FirstOrDefault(k => SeriesChoice.Of(k) == choice)?.Stat ?? row.Stat;
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Metrics));
    }

    private Task SetRowStat(MathRow row, string? stat)
    {
        row.Stat = stat?.Trim() ?? "";
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Metrics));
    }

    private Task AddRow()
    {
        Form.MathRows.Add(new MathRow { Id = Form.NextMathId() });
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Metrics));
    }

    private Task RemoveRow(MathRow row)
    {
        Form.MathRows.Remove(row);
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Metrics));
    }

    private Task SetExpression(string expression)
    {
        Form.Expression = expression;
        return OnChanged.InvokeAsync(nameof(AlarmDefinition.Expression));
    }
}
