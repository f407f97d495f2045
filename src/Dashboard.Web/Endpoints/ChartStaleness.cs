using Dashboard.Core.Charts;
using Dashboard.Core.Collectors;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Endpoints;

/// <summary>
/// The note under a chart whose series are read rarely ("CPU utilisation: read every 60 min, last read 12 min ago"):
/// without it a flat line since the last read looks like a quiet endpoint. The cadence is the collector's
/// (<see cref="PollCadence"/>); the last read is the end of the range stored for the series (its coverage).
/// </summary>
public static class ChartStaleness
{
    /// <summary>Notes by panel id, for the panels with a series read less often than every MetricInterval.</summary>
    public static IReadOnlyDictionary<string, string> For(EndpointState endpoint, IReadOnlyDictionary<SeriesKey, FetchedRange> coverage,
        CadenceInputs inputs, CollectorOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(options);
        var series = coverage.Where(c => c.Key.EndpointName == endpoint.Name && c.Key.Period == SageMakerMetrics.MinutePeriod
                && SageMakerMetrics.IsCollectedByDefault(c.Key) && c.Key.DimensionList.All(d => d.Key is "EndpointName" or "VariantName"))
            .ToList();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in PanelSpec.All.Where(p => p.Kind != PanelKind.Drift && p.AppliesTo(endpoint)))
        {
            var slow = series.Where(s => s.Key.Namespace == spec.Namespace && spec.MetricNames.Contains(s.Key.MetricName) && spec.Stats.Contains(s.Key.Stat))
                .Select(s => (s.Key.Stat, Interval: PollCadence.IntervalOf(s.Key, inputs, options), LastRead: s.Value.To))
                .Where(s => s.Interval > options.MetricInterval)
                .ToList();
            if (slow.Count == 0)
            {
                continue;
            }
            // Several statistics on one chart (latency p50, p90, p99) can be read at different cadences: one clause per
            // cadence, the rarest first, naming its statistics.
            var clauses = slow.GroupBy(s => s.Interval).OrderByDescending(g => g.Key).Select(g =>
            {
                var stats = spec.Stats.Count > 1 ? string.Join(", ", spec.Stats.Where(st => g.Any(s => s.Stat == st))) : "";
                var ago = now - DateTimeOffset.FromUnixTimeSeconds(g.Min(s => s.LastRead));
                return (stats, Text: $"read every {Duration(g.Key)}, last read {Ago(ago)}");
            }).ToList();
            notes[spec.Id] = ShortTitle(spec.Title) + string.Join(";", clauses.Select(c => (c.stats.Length > 0 ? " " + c.stats : "") + ": " + c.Text));
        }
        return notes;
    }

    private static string ShortTitle(string title) => title.IndexOf(" (", StringComparison.Ordinal) is > 0 and var cut ? title[..cut] : title;

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 120 && span.TotalMinutes % 60 == 0 ? $"{span.TotalHours:0} h" : $"{span.TotalMinutes:0} min";

    private static string Ago(TimeSpan span) => span < TimeSpan.FromMinutes(1) ? "less than a minute ago" : $"{Duration(TimeSpan.FromMinutes(Math.Floor(span.TotalMinutes)))} ago";
}
