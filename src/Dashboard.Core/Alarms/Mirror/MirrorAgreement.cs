using Dashboard.Core.Alarms;
namespace Dashboard.Core.Alarms.Mirror;

/// <summary>
/// Whether CloudWatch's state of a mirrored alarm disagrees with ours. The two evaluate at slightly different moments
/// (and ours as of the newest fetched period), so a difference right after either side changed state is expected:
/// only a difference that outlives <see cref="GracePeriod"/> is flagged, and never while CloudWatch's state is unknown.
/// </summary>
public static class MirrorAgreement
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromMinutes(3);

    /// <param name="kind">When given, an anomaly alarm's explanation says that CloudWatch draws its own band.</param>
    public static (bool Disagrees, string Explanation) Compare(AlarmStatus ours, AlarmKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(ours);
        if (ours.CloudWatch is not { } cloudWatch)
        {
            return (false, "CloudWatch's state has not been read yet.");
        }
        if (cloudWatch.Error is { } error)
        {
            return (false, "CloudWatch's state is unknown: " + error);
        }
        if (cloudWatch.State is not { } theirs)
        {
            return (false, "CloudWatch's state is unknown.");
        }
        if (theirs == ours.State)
        {
            return (false, $"CloudWatch agrees: both are {theirs.ToWire()}.");
        }
        if (ours.EvaluatedAsOf == 0)
        {
            return (false, $"CloudWatch is {theirs.ToWire()}; the dashboard has not evaluated the alarm yet.");
        }

        // Seconds between the latest state change on either side and the moment CloudWatch was read (negative when
        // ours changed after that read).
        var lastChange = Math.Max(ours.Since, cloudWatch.Since ?? long.MinValue);
        var settled = cloudWatch.CheckedAt - lastChange;
        var band = kind == AlarmKind.AnomalyDetection
            ? " CloudWatch draws its own anomaly band (ours is the endpoint's seasonal baseline), so anomaly alarms differ more often."
            : "";
        if (settled < (long)GracePeriod.TotalSeconds)
        {
            return (false, $"CloudWatch is {theirs.ToWire()} and the dashboard {ours.State.ToWire()}, but a state changed less than "
                + $"{GracePeriod.TotalMinutes:0} minutes before CloudWatch was read; the other side is expected to follow.{band}");
        }
        var reason = string.IsNullOrWhiteSpace(cloudWatch.Reason) ? "" : $" CloudWatch's reason: {cloudWatch.Reason}";
        return (true, $"CloudWatch is {theirs.ToWire()} but the dashboard is {ours.State.ToWire()}.{reason}{band}");
    }
}
