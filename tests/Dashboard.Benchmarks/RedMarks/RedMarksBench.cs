using System.Globalization;
using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Drift;
using Dashboard.Core.Health;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Overview;
using Dashboard.Simulator.Scenario;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Benchmarks.RedMarks;

/// <summary>
/// `redmarks`: how much red the default simulated fleet shows, and whether the planted incidents are among it. Builds
/// 28 days of history in memory, counts the outlier markers of every chart on the 7- and 14-day views, assesses the
/// fleet page's health at every minute of the last 7 days, and checks each planted incident against both.
/// </summary>
internal static class RedMarksBench
{
    private const long Minute = 60;
    private const long Day = 86_400;

    // A Wednesday afternoon: the 7-day view then holds a weekend and the Monday switch from weekend to weekday bands.
    private static readonly DateTimeOffset Anchor = new(2026, 3, 4, 15, 0, 0, TimeSpan.Zero);

    /// <param name="chartsOnly">Skip the health part (minutes of work): for iterating on the outlier rule.</param>
    /// <param name="detail">An endpoint and a panel id: print that chart's bands and markers hour by hour instead.</param>
    public static async Task RunAsync(bool chartsOnly = false, string[]? detail = null)
    {
        var scenario = new FleetScenario(seed: 42, Anchor);
        var anchor = Anchor.ToUnixTimeSeconds();
        var started = DateTime.UtcNow;
        var history = ScenarioHistory.Build(scenario, anchor - 28 * Day - 3600, anchor);
        Console.WriteLine($"Fleet of {scenario.Endpoints.Count} endpoints, anchor {Anchor:yyyy-MM-dd HH:mm} UTC (a {Anchor.DayOfWeek}), " +
            $"{history.Count} series, {history.Values.Sum(p => p.Length):N0} points built in {(DateTime.UtcNow - started).TotalSeconds:0} s.");

        if (detail is [var endpointName, var panelId])
        {
            await PrintDetailAsync(scenario, history, anchor, endpointName, panelId);
            return;
        }
        var charts = await ChartsAsync(scenario, history, anchor);
        PrintCharts(charts);
        if (chartsOnly)
        {
            return;
        }
        var health = Health(scenario, history, anchor);
        PrintHealth(scenario, health, anchor);
        PrintIncidents(scenario, charts, health, anchor);
    }

    private sealed record ChartCounts(string Endpoint, int Days, IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>> Outliers);

    private static async Task<List<ChartCounts>> ChartsAsync(FleetScenario scenario, Dictionary<Dashboard.Core.Metrics.SeriesKey, MetricPoint[]> history, long anchor)
    {
        var clock = new FakeTimeProvider(Anchor);
        var charts = new EndpointCharts(new SlicedQueries(history, clock), new BaselineOptions(), new OverviewOptions().DriftThreshold);
        var result = new List<ChartCounts>();
        foreach (var days in new[] { 7, 14 })
        {
            foreach (var endpoint in scenario.Endpoints)
            {
                var panels = await charts.LoadAsync(ScenarioHistory.State(scenario, endpoint, Anchor), new ChartRequest(anchor - days * Day, anchor), CancellationToken.None);
                result.Add(new ChartCounts(endpoint.Name, days, panels.ToDictionary(p => p.Spec.Id, p => p.Outliers)));
            }
        }
        return result;
    }

    /// <summary>The fleet page's assessment at the end of every minute of the last 7 days, per endpoint; days run in parallel.</summary>
    private static Dictionary<string, HealthAssessment[]> Health(FleetScenario scenario, Dictionary<Dashboard.Core.Metrics.SeriesKey, MetricPoint[]> history, long anchor)
    {
        var started = DateTime.UtcNow;
        var minutes = (int)(7 * Day / Minute);
        var levels = scenario.Endpoints.ToDictionary(e => e.Name, _ => new HealthAssessment[minutes]);
        Parallel.For(0, 7, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, day =>
        {
            var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(anchor - 7 * Day));
            var live = new LiveStore(clock);
            var service = new FleetOverviewService(new SlicedQueries(history, clock), live, new BaselineOptions(), Options.Create(new OverviewOptions()), new DriftReadBoard(), clock);
            for (var m = day * 1440; m < (day + 1) * 1440; m++)
            {
                var now = DateTimeOffset.FromUnixTimeSeconds(anchor - 7 * Day + (m + 1) * Minute);
                clock.SetUtcNow(now);
                live.PublishFleet(scenario.Endpoints.Select(e => ScenarioHistory.State(scenario, e, now)).ToList());
                var overview = service.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
                foreach (var row in overview.Rows)
                {
                    levels[row.Endpoint.Name][m] = row.Health;
                }
            }
        });
        Console.WriteLine($"Health assessed at {minutes:N0} minutes × {scenario.Endpoints.Count} endpoints in {(DateTime.UtcNow - started).TotalSeconds:0} s.");
        return levels;
    }

    private static async Task PrintDetailAsync(FleetScenario scenario, Dictionary<Dashboard.Core.Metrics.SeriesKey, MetricPoint[]> history, long anchor,
        string endpointName, string panelId)
    {
        var clock = new FakeTimeProvider(Anchor);
        var charts = new EndpointCharts(new SlicedQueries(history, clock), new BaselineOptions(), new OverviewOptions().DriftThreshold);
        var endpoint = scenario.FindEndpoint(endpointName) ?? throw new ArgumentException($"No endpoint {endpointName}.");
        var panels = await charts.LoadAsync(ScenarioHistory.State(scenario, endpoint, Anchor), new ChartRequest(anchor - 7 * Day, anchor, MaxPoints: 0), CancellationToken.None);
        var panel = panels.Single(p => p.Spec.Id == panelId);
        Console.WriteLine(panel.BaselineRule);
        foreach (var band in panel.Bands)
        {
            var line = panel.Lines.Single(l => l.Name == band.Line);
            Console.WriteLine($"{band.Name} (line {band.Line}): hour | lower median upper | fallback | line min median max | markers");
            foreach (var b in band.Bands)
            {
                var values = line.Points.Where(p => p.Time >= b.Start && p.Time < b.End).Select(p => p.Value).Order().ToList();
                var marks = panel.Outliers.Count(p => p.Time >= b.Start && p.Time < b.End);
                var spread = values.Count == 0 ? "-" : FormattableString.Invariant($"{values[0]:0.##} {values[values.Count / 2]:0.##} {values[^1]:0.##}");
                Console.WriteLine(FormattableString.Invariant(
                    $"{Time(b.Start)} | {b.Lower:0.##} {b.Median:0.##} {b.Upper:0.##} | {(b.IsFallback ? "fallback" : "")} | {spread} | {marks}"));
            }
        }
    }

    private static void PrintCharts(List<ChartCounts> charts)
    {
        foreach (var days in new[] { 7, 14 })
        {
            var rows = charts.Where(c => c.Days == days).ToList();
            var panels = PanelSpec.All.Select(p => p.Id).Where(id => rows.Any(r => r.Outliers.ContainsKey(id))).ToList();
            Console.WriteLine();
            Console.WriteLine($"Red markers per chart, {days}-day view (the page shows at most 500 per chart):");
            Console.WriteLine();
            Console.WriteLine("| Endpoint | " + string.Join(" | ", panels) + " | total |");
            Console.WriteLine("|---|" + string.Concat(panels.Select(_ => "---:|")) + "---:|");
            foreach (var row in rows)
            {
                Console.WriteLine($"| {row.Endpoint} | " + string.Join(" | ", panels.Select(p => row.Outliers.TryGetValue(p, out var o) ? o.Count.ToString(CultureInfo.InvariantCulture) : "–"))
                    + $" | {row.Outliers.Values.Sum(o => o.Count)} |");
            }
            Console.WriteLine($"| **all** | " + string.Join(" | ", panels.Select(p => rows.Sum(r => r.Outliers.GetValueOrDefault(p)?.Count ?? 0)))
                + $" | {rows.Sum(r => r.Outliers.Values.Sum(o => o.Count))} |");
        }
    }

    private static void PrintHealth(FleetScenario scenario, Dictionary<string, HealthAssessment[]> health, long anchor)
    {
        Console.WriteLine();
        Console.WriteLine("Health changes per endpoint per day (fleet page assessed at every minute of the last 7 days; day 1 = oldest), and minutes not Healthy:");
        Console.WriteLine();
        Console.WriteLine("| Endpoint | " + string.Join(" | ", Enumerable.Range(1, 7).Select(d => $"day {d}")) + " | changes/day | min Degraded | min Critical |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", 7)) + "---:|---:|---:|");
        foreach (var endpoint in scenario.Endpoints)
        {
            var levels = health[endpoint.Name];
            var perDay = new int[7];
            for (var m = 1; m < levels.Length; m++)
            {
                if (levels[m].Level != levels[m - 1].Level)
                {
                    perDay[m / 1440]++;
                }
            }
            Console.WriteLine($"| {endpoint.Name} | " + string.Join(" | ", perDay) + $" | {perDay.Sum() / 7.0:0.#} | "
                + $"{levels.Count(l => l.Level == HealthLevel.Degraded)} | {levels.Count(l => l.Level == HealthLevel.Critical)} |");
        }
        _ = anchor;
    }

    private static void PrintIncidents(FleetScenario scenario, List<ChartCounts> charts, Dictionary<string, HealthAssessment[]> health, long anchor)
    {
        var first = anchor - 7 * Day;
        Console.WriteLine();
        Console.WriteLine("Planted incidents (7-day view; health assessed every minute):");
        Console.WriteLine();
        Console.WriteLine("| Incident | Window (UTC) | Red markers in window | Minutes not Healthy for it | First flagged |");
        Console.WriteLine("|---|---|---:|---:|---|");
        foreach (var endpoint in scenario.Endpoints.Take(FleetClones.DefaultSize))
        {
            var view = charts.Single(c => c.Days == 7 && c.Endpoint == endpoint.Name).Outliers;
            foreach (var burst in endpoint.Bursts.Where(b => b.End.ToUnixTimeSeconds() > first))
            {
                var (from, to) = (burst.Start.ToUnixTimeSeconds(), Math.Min(burst.End.ToUnixTimeSeconds(), anchor));
                Row($"5XX burst {burst.Rate5xx:P0} on {endpoint.Name}", from, to,
                    view.GetValueOrDefault("error-rate")?.Count(p => p.Time >= from && p.Time < to) ?? 0,
                    health[endpoint.Name], first, "error rate");
            }
            if (endpoint.LatencyTrend is { } trend)
            {
                var from = trend.Start.ToUnixTimeSeconds();
                Row($"Latency degradation +{trend.PerDay:P0}/day on {endpoint.Name}", from, anchor,
                    view.GetValueOrDefault("model-latency")?.Count(p => p.Time >= from) ?? 0, health[endpoint.Name], first, "latency");
            }
            foreach (var feature in endpoint.Monitor?.Features.Where(f => f.RiseStart is not null) ?? [])
            {
                var from = feature.RiseStart!.Value.ToUnixTimeSeconds();
                Row($"Drift of {feature.Name} on {endpoint.Name}", from, anchor, 0, health[endpoint.Name], first, "drift");
            }
        }
    }

    private static void Row(string what, long from, long to, int markers, HealthAssessment[] levels, long first, string reason)
    {
        var flagged = Enumerable.Range(0, levels.Length)
            .Where(m => first + (m + 1) * Minute > from && first + m * Minute < to
                && levels[m].Level != HealthLevel.Healthy && levels[m].Reasons.Any(r => r.Contains(reason, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var minutes = (to - Math.Max(from, first)) / Minute;
        var firstFlag = flagged.Count == 0 ? "never" : Time(first + (flagged[0] + 1) * Minute) + $" (+{(first + (flagged[0] + 1) * Minute - from) / 60} min)";
        Console.WriteLine($"| {what} | {Time(from)} – {Time(to)} | {markers} | {flagged.Count} of {minutes} | {firstFlag} |");
    }

    private static string Time(long time) => DateTimeOffset.FromUnixTimeSeconds(time).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
}
