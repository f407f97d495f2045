using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Input;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>
/// Fills a new alarm's series from the address it was opened with (<c>/alarms/new?endpoint=…&amp;variant=…&amp;metric=…&amp;statistic=…</c>,
/// built by AlarmUrls.NewFor). A value that does not fit is left out and named in a note: an address can hold anything.
/// </summary>
public static class EditorPrefill
{
    /// <summary>Longer values are cut in the notes, so a pasted essay does not become the page.</summary>
    private const int QuoteLength = 60;

    /// <summary>Sets the form's series, statistic, period and (when free) name; returns a note for each value it ignored.</summary>
    public static IReadOnlyList<string> ApplySeries(AlarmForm form, string endpoint, IReadOnlyList<SeriesKey> stored,
        string? metric, string? variant, string? statistic)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(stored);
        var notes = new List<string>();
        if (form.Kind is not (AlarmKind.Metric or AlarmKind.AnomalyDetection))
        {
            if (metric is not null || variant is not null || statistic is not null)
            {
                notes.Add($"A {AlarmWords.Kind(form.Kind).ToLowerInvariant()} alarm is not about one series: the metric in the address was left out.");
            }
            return notes;
        }

        var choices = stored.Select(SeriesChoice.Of).Distinct().ToList();
        if (variant is not null && !choices.Any(c => c.Variant == variant))
        {
            notes.Add($"{endpoint} has no variant {Quote(variant)}; choose one below.");
            variant = null;
        }
        if (metric is not null)
        {
            // The variant's own series first (no extra dimensions), as the metric picker lists them.
            var match = choices
                .Where(c => string.Equals(c.MetricName, metric, StringComparison.OrdinalIgnoreCase) && (variant is null || c.Variant == variant))
                .OrderBy(c => c.With("", 0).DimensionList.Count)
                .ThenBy(c => c.Variant ?? "", StringComparer.Ordinal)
                .FirstOrDefault();
            if (match is null)
            {
                notes.Add($"No {Quote(metric)} series is stored for {endpoint}{(variant is null ? "" : $" ({variant})")}; choose a metric below.");
            }
            else
            {
                form.Series = match;
                var keys = stored.Where(k => SeriesChoice.Of(k) == match).ToList();
                var preferred = keys.FirstOrDefault(k => k.Stat == "p90") ?? keys[0];
                form.Stat = preferred.Stat;
                form.Period = preferred.Period;
            }
        }
        if (statistic is not null)
        {
            if (Statistics.Validate(statistic.Trim()) is null)
            {
                form.Stat = statistic.Trim();
            }
            else
            {
                notes.Add($"{Quote(statistic)} is not a CloudWatch statistic; {form.Stat} is used instead.");
            }
        }
        if (form.Series is { } series && string.IsNullOrEmpty(form.Name))
        {
            var name = $"{endpoint}-{series.Variant ?? "endpoint"}-{series.MetricName}-{form.Stat}";
            form.Name = Names.AlarmNameError(name) is null ? name : "";
        }
        return notes;
    }

    /// <summary>'value' for a note, cut short and without line breaks.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var flat = string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));
        if (flat.Length <= QuoteLength)
        {
            return $"'{flat}'";
        }
        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(flat[QuoteLength - 1]) ? QuoteLength - 1 : QuoteLength;
        return $"'{flat[..cut]}…'";
    }
}
