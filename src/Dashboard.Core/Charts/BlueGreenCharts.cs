using Dashboard.Core.Deployments;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Charts;

/// <summary>Which side of a deployment a line shows: the old config (or the gated canary's control variant), or the new.</summary>
public enum BlueGreenSide
{
    Blue,
    Green,
}

/// <summary>One side's series on a blue-vs-green panel, in display units (latency in ms).</summary>
public sealed record BlueGreenLine(string Name, BlueGreenSide Side, IReadOnlyList<MetricPoint> Points);

public sealed record BlueGreenPanel(string Id, string Title, string Unit, IReadOnlyList<BlueGreenLine> Lines);

/// <summary>The deployment's window [From, To] (Unix seconds), its panels and its marks; <see cref="Note"/> says what is compared, or why nothing is.</summary>
public sealed record BlueGreenView(long From, long To, IReadOnlyList<BlueGreenPanel> Panels, IReadOnlyList<DeploymentMark> Marks, string Note)
{
    public bool HasLines => Panels.Any(p => p.Lines.Any(l => l.Points.Count > 0));
}

/// <summary>
/// Model latency p90 and 5XX errors of a deployment's two sides over its window, from stored series only: for SageMaker's
/// strategies the series SageMaker publishes with the EndpointConfigName dimension during and after a blue/green
/// deployment (old config blue, new config green); for the dashboard-gated canary the control and canary variants.
/// </summary>
public sealed class BlueGreenCharts(IMetricQueries queries)
{
    /// <summary>How far the window reaches before the start and past the end.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(30);

    private const int MaxPoints = 1500;

    private static readonly (string Id, string Title, string Metric, string Stat)[] Metrics =
    [
        ("bluegreen-latency", "Model latency p90", M.ModelLatency, "p90"),
        ("bluegreen-5xx", "5XX errors", M.Invocation5XXErrors, "Sum"),
    ];

    /// <summary>From 30 min before the start to 30 min after the end (or now, while it runs); null before it started.</summary>
    public static (long From, long To)? Window(Deployment deployment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if ((deployment.StartedAt ?? deployment.UpdateRequestedAt) is not { } started)
        {
            return null;
        }
        var end = deployment.FinishedAt is { } finished ? finished + Margin : now;
        return ((started - Margin).ToUnixTimeSeconds(), (end < now ? end : now).ToUnixTimeSeconds());
    }

    public async Task<BlueGreenView?> LoadAsync(Deployment deployment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (Window(deployment, now) is not var (from, to))
        {
            return null;
        }
        var sides = (await queries.ListSeriesAsync(deployment.Endpoint, cancellationToken))
            .Where(k => k.Period == M.MinutePeriod && k.Namespace == M.InvocationNamespace && Metrics.Any(m => m.Metric == k.MetricName && m.Stat == k.Stat))
            .Select(k => (Key: k, Side: SideOf(deployment, k)))
            .Where(k => k.Side is not null)
            .ToList();
        var history = sides.Count == 0 ? new Dictionary<SeriesKey, IReadOnlyList<MetricPoint>>()
            : await queries.ReadAsync(sides.Select(s => s.Key).ToList(), from, to + 60, cancellationToken);
        var panels = Metrics.Select(m => new BlueGreenPanel(m.Id, m.Title, m.Metric == M.ModelLatency ? Units.DisplayUnit(m.Metric) : "count",
            sides.Where(s => s.Key.MetricName == m.Metric && s.Key.Stat == m.Stat)
                .OrderBy(s => s.Side).ThenBy(s => s.Key.VariantName, StringComparer.Ordinal)
                .Select(s => new BlueGreenLine(Name(deployment, s.Key, s.Side!.Value, sides.Count(o => o.Side == s.Side && o.Key.MetricName == m.Metric)),
                    s.Side!.Value, Lttb.Downsample(Display(m.Metric, history.GetValueOrDefault(s.Key) ?? []), MaxPoints)))
                .ToList())).ToList();
        var marks = DeploymentMarks.Within([deployment], DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to));
        return new BlueGreenView(from, to, panels, marks, Note(deployment, panels.Any(p => p.Lines.Any(l => l.Points.Count > 0))));
    }

    /// <summary>Blue, green, or neither: which side of <paramref name="deployment"/> a stored series belongs to.</summary>
    public static BlueGreenSide? SideOf(Deployment deployment, SeriesKey key)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(key);
        var config = key.Dimension("EndpointConfigName");
        if (deployment.Plan.IsSageMakers)
        {
            return config is null ? null : config == deployment.OldConfig ? BlueGreenSide.Blue : config == deployment.NewConfig ? BlueGreenSide.Green : null;
        }
        // The gated canary's sides are variants of one endpoint: their own series, without the config dimension.
        if (config is not null || key.VariantName is not { } variant || deployment.Plan.Variants.Count == 0)
        {
            return null;
        }
        return variant == deployment.Plan.Variants[0].Variant ? BlueGreenSide.Blue
            : variant == GatedCanary.CanaryVariant(deployment.Plan) ? BlueGreenSide.Green : null;
    }

    private static string Name(Deployment deployment, SeriesKey key, BlueGreenSide side, int linesOnSide)
    {
        var variant = linesOnSide > 1 && key.VariantName is { } v ? $" · {v}" : "";
        return deployment.Plan.IsSageMakers
            ? $"{(side == BlueGreenSide.Blue ? "Old" : "New")} config {key.Dimension("EndpointConfigName")}{variant}"
            : $"{(side == BlueGreenSide.Blue ? "Control" : "Canary")} {key.VariantName}";
    }

    private static IReadOnlyList<MetricPoint> Display(string metric, IReadOnlyList<MetricPoint> points) =>
        M.IsLatency(metric) ? points.Select(p => p with { Value = Units.ForDisplay(metric, p.Value) }).ToList() : points;

    private static string Note(Deployment deployment, bool found) => (deployment.Plan.IsSageMakers, found) switch
    {
        (true, true) => $"Blue: the old config {deployment.OldConfig}; green: the new config {deployment.NewConfig}, from the series SageMaker "
            + "publishes with the EndpointConfigName dimension.",
        (true, false) => $"No stored series carry the EndpointConfigName {deployment.OldConfig} or {deployment.NewConfig} in this window: SageMaker "
            + "publishes them only during and after a blue/green deployment (a rolling deployment has none), and the collector finds them within a few minutes.",
        (false, true) => $"Blue: the control variant {deployment.Plan.Variants[0].Variant}; green: the canary variant {GatedCanary.CanaryVariant(deployment.Plan)}.",
        _ => "No series of the control or canary variant are stored for this window yet.",
    };
}
