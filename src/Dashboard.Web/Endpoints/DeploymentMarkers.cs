using Dashboard.Core.Charts;
using Dashboard.Core.Deployments;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Endpoints;

/// <summary>Deployments as vertical markers on an endpoint's charts: teal for the start and each step, green or red for the end.</summary>
public static class DeploymentMarkers
{
    public const string StepColor = "#00838f";
    public const string SucceededColor = "#2e7d32";
    public const string FailedColor = "#c62828";

    /// <summary>Deployments read per endpoint: far more than a chart range can hold, one open at a time.</summary>
    private const int Read = 200;

    /// <summary>The markers of the endpoint's deployments in [<paramref name="from"/>, <paramref name="to"/>] (Unix seconds).</summary>
    public static async Task<IReadOnlyList<ChartMarker>> LoadAsync(IDeploymentStore deployments, string endpoint, long from, long to,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        var list = await deployments.ListAsync(endpoint, Read, cancellationToken);
        return ToMarkers(DeploymentMarks.Within(list, DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to)), to - from);
    }

    /// <summary>
    /// One marker per mark, except that a deployment's marks closer than a hundredth of the chart's <paramref name="rangeSeconds"/>
    /// (at least a minute) share one, labelled from the first to the last ("#2 started outside the dashboard … succeeded"):
    /// their labels would otherwise be drawn over each other.
    /// </summary>
    public static IReadOnlyList<ChartMarker> ToMarkers(IReadOnlyList<DeploymentMark> marks, long rangeSeconds)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var close = TimeSpan.FromSeconds(Math.Max(60, rangeSeconds / 100));
        var markers = new List<ChartMarker>();
        var burst = new List<DeploymentMark>();
        void Flush()
        {
            if (burst.Count == 0)
            {
                return;
            }
            var last = burst[^1];
            var label = burst.Count == 1 ? last.Label : $"{burst[0].Label} … {last.Label[($"#{last.DeploymentId} ".Length)..]}";
            markers.Add(new ChartMarker(burst[0].Time.ToUnixTimeMilliseconds(), label, ColorOf(last.Kind)));
            burst.Clear();
        }
        foreach (var mark in marks.OrderBy(m => m.Time))
        {
            if (burst.Count > 0 && (mark.DeploymentId != burst[^1].DeploymentId || mark.Time - burst[^1].Time >= close))
            {
                Flush();
            }
            burst.Add(mark);
        }
        Flush();
        return markers;
    }

    private static string ColorOf(DeploymentMarkKind kind) => kind switch
    {
        DeploymentMarkKind.Succeeded => SucceededColor,
        DeploymentMarkKind.Failed => FailedColor,
        _ => StepColor,
    };
}
