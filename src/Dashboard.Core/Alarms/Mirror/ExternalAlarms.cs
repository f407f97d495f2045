using Dashboard.Core.Alarms;
namespace Dashboard.Core.Alarms.Mirror;

/// <summary>
/// The CloudWatch alarms on fleet endpoints that the dashboard does not manage, as last read by
/// <see cref="AlarmMirrorCollector"/>. Read-only for pages; replaced whole on each read.
/// </summary>
public sealed class ExternalAlarms
{
    private IReadOnlyList<ExternalAlarm> _alarms = [];

    public IReadOnlyList<ExternalAlarm> All => Volatile.Read(ref _alarms);

    /// <summary>When the list was last read (null before the first read).</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public IReadOnlyList<ExternalAlarm> ForEndpoint(string endpoint) => All.Where(a => a.Endpoint == endpoint).ToList();

    public void Replace(IReadOnlyList<ExternalAlarm> alarms, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        Volatile.Write(ref _alarms, alarms);
        ReadAt = readAt;
    }
}
