using System.Collections.Concurrent;
using Dashboard.Core.Drift.Monitor;

namespace Dashboard.Core.Drift;

/// <summary>When the reader last looked at an endpoint, how many files it read then, and the S3 error that stopped it, if any.</summary>
public sealed record DriftReadStatus(DateTimeOffset At, long FilesRead, string? Error);

/// <summary>What the drift reader last found per endpoint (its sources and how the read went), for pages to show.</summary>
public sealed class DriftReadBoard
{
    private readonly ConcurrentDictionary<string, DriftSource> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DriftReadStatus> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (IReadOnlyList<MonitorSchedule> Schedules, DateTimeOffset At)> _monitors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DriftStanding> _standings = new(StringComparer.Ordinal);

    public DriftSource? SourceOf(string endpoint) => _sources.GetValueOrDefault(endpoint);

    public DriftReadStatus? StatusOf(string endpoint) => _status.GetValueOrDefault(endpoint);

    /// <summary>The endpoint's Model Monitor schedules as last read, and when; null before the first read.</summary>
    public (IReadOnlyList<MonitorSchedule> Schedules, DateTimeOffset At)? MonitorsOf(string endpoint) =>
        _monitors.TryGetValue(endpoint, out var found) ? found : null;

    /// <summary>The endpoint's worst drifting feature and headline quality as of the reader's last round; null before it.</summary>
    public DriftStanding? StandingOf(string endpoint) => _standings.GetValueOrDefault(endpoint);

    public void Stood(DriftStanding standing) => _standings[standing.Endpoint] = standing;

    public void Monitored(string endpoint, IReadOnlyList<MonitorSchedule> schedules, DateTimeOffset at) => _monitors[endpoint] = (schedules, at);

    public void Found(DriftSource source) => _sources[source.Endpoint] = source;

    public void Read(string endpoint, DriftReadStatus status) => _status[endpoint] = status;
}
