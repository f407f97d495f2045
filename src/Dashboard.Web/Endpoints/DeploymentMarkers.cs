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
        return ToMarkers(DeploymentMarks.Within(list, DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to)));
    }

    public static IReadOnlyList<ChartMarker> ToMarkers(IEnumerable<DeploymentMark> marks) =>
        marks.Select(m => new ChartMarker(m.Time.ToUnixTimeMilliseconds(), m.Label, m.Kind switch
        {
            DeploymentMarkKind.Succeeded => SucceededColor,
            DeploymentMarkKind.Failed => FailedColor,
            _ => StepColor,
        })).ToList();
}
