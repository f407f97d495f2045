using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Live;

/// <summary>
/// The small in-memory state pages read besides SQLite: the latest fleet, how each source is doing, backfill
/// progress, and change notifications. Collectors write here after they have written to storage, so a page
/// that is notified and then queries storage sees the new data. Every publish is also raised as <see cref="Published"/>,
/// so a relay can carry it to the other replicas of one database, which <see cref="Apply"/> it to their own store.
/// </summary>
public sealed class LiveStore(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly List<LiveSubscription> _subscriptions = [];
    private IReadOnlyList<EndpointState> _fleet = [];
    private Dictionary<string, SourceStatus> _sources = new(StringComparer.Ordinal);
    private BackfillProgress _backfill = BackfillProgress.None;

    /// <summary>
    /// Raised after each change published on this process (not after <see cref="Apply"/>, so a change relayed from another
    /// replica is never sent back). Handlers run on the publisher's thread: they must be quick and must not throw.
    /// </summary>
    public event Action<LivePublication>? Published;

    public IReadOnlyList<EndpointState> Fleet => Volatile.Read(ref _fleet);

    public BackfillProgress Backfill => Volatile.Read(ref _backfill);

    /// <summary>
    /// Series that alarms read: the metric collector polls them every interval, however quiet, and starts fetching those
    /// it does not collect yet (another statistic or period of a metric it has).
    /// </summary>
    public IReadOnlySet<SeriesKey> WatchedSeries => Volatile.Read(ref _watched);

    private IReadOnlySet<SeriesKey> _watched = new HashSet<SeriesKey>();

    /// <summary>Endpoints with an alarm in ALARM: the metric collector reads every series of theirs every interval.</summary>
    public IReadOnlySet<string> AlarmingEndpoints => Volatile.Read(ref _alarming);

    private IReadOnlySet<string> _alarming = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Newest metric time written so far (Unix seconds), or null before the first write.</summary>
    public long? NewestMetricTime { get; private set; }

    public IReadOnlyDictionary<string, SourceStatus> Sources
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, SourceStatus>(_sources);
            }
        }
    }

    public void PublishFleet(IReadOnlyList<EndpointState> fleet) =>
        Publish(new LivePublication(LiveChangeKind.Fleet, fleet.Select(e => e.Name).ToArray()) { Fleet = fleet });

    public void PublishMetrics(IReadOnlyCollection<string> endpoints, long newestTime) =>
        Publish(new LivePublication(LiveChangeKind.Metrics, endpoints) { NewestMetricTime = newestTime });

    public void PublishWatchedSeries(IReadOnlySet<SeriesKey> series) => Volatile.Write(ref _watched, series);

    public void PublishAlarmingEndpoints(IReadOnlySet<string> endpoints) => Volatile.Write(ref _alarming, endpoints);

    /// <summary>Alarm states changed (or alarms were created, edited or deleted) on these endpoints.</summary>
    public void PublishAlarms(IReadOnlyCollection<string> endpoints) => Publish(new LivePublication(LiveChangeKind.Alarms, endpoints));

    /// <summary>A traffic change was proposed or decided on this endpoint.</summary>
    public void PublishTraffic(string endpoint) => Publish(new LivePublication(LiveChangeKind.Traffic, [endpoint]));

    /// <summary>Deployment notices were stored for these endpoints.</summary>
    public void PublishNotices(IReadOnlyCollection<string> endpoints) => Publish(new LivePublication(LiveChangeKind.Notices, endpoints));

    public void PublishBackfill(BackfillProgress progress) =>
        Publish(new LivePublication(LiveChangeKind.Status, []) { Backfill = progress });

    public void ReportSuccess(string source)
    {
        var now = timeProvider.GetUtcNow();
        UpdateSource(source, s => s with { LastSuccess = now, ConsecutiveFailures = 0 });
    }

    public void ReportFailure(string source, string error)
    {
        var now = timeProvider.GetUtcNow();
        UpdateSource(source, s => s with { LastFailure = now, LastError = error, ConsecutiveFailures = s.ConsecutiveFailures + 1 });
    }

    /// <summary>Subscriptions not yet disposed: one per open page or component that listens.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> after changes, at most once per <paramref name="minInterval"/>;
    /// changes in between are merged into one call. Dispose to stop.
    /// </summary>
    public IDisposable Subscribe(Func<LiveChange, Task> onChange, TimeSpan minInterval)
    {
        var subscription = new LiveSubscription(this, onChange, minInterval, timeProvider);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    internal void Remove(LiveSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>
    /// A change published on another replica (the relay): updates this store and notifies its subscribers as a publish
    /// here would, but does not raise <see cref="Published"/>.
    /// </summary>
    public void Apply(LivePublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        if (publication.Fleet is { } fleet)
        {
            Volatile.Write(ref _fleet, fleet);
        }
        if (publication.Backfill is { } backfill)
        {
            Volatile.Write(ref _backfill, backfill);
        }
        lock (_lock)
        {
            if (publication.NewestMetricTime is { } newest)
            {
                NewestMetricTime = Math.Max(NewestMetricTime ?? newest, newest);
            }
            if (publication.Source is { } source)
            {
                _sources = new Dictionary<string, SourceStatus>(_sources) { [source.Source] = source };
            }
        }
        Notify(publication.Kind, publication.Endpoints);
    }

    private void Publish(LivePublication publication)
    {
        Apply(publication);
        Published?.Invoke(publication);
    }

    private void UpdateSource(string source, Func<SourceStatus, SourceStatus> update)
    {
        SourceStatus updated;
        lock (_lock)
        {
            var current = _sources.GetValueOrDefault(source) ?? new SourceStatus(source, null, null, null, 0);
            updated = update(current);
            _sources = new Dictionary<string, SourceStatus>(_sources) { [source] = updated };
        }
        Notify(LiveChangeKind.Status, []);
        Published?.Invoke(new LivePublication(LiveChangeKind.Status, []) { Source = updated });
    }

    private void Notify(LiveChangeKind kind, IReadOnlyCollection<string> endpoints)
    {
        LiveSubscription[] subscriptions;
        lock (_lock)
        {
            subscriptions = [.. _subscriptions];
        }
        foreach (var subscription in subscriptions)
        {
            subscription.Signal(new LiveChange(kind, endpoints));
        }
    }
}

/// <summary>What kinds of change a notification carries; merged notifications carry several.</summary>
[Flags]
public enum LiveChangeKind
{
    Fleet = 1,
    Metrics = 2,
    Status = 4,
    Alarms = 8,
    Traffic = 16,
    Notices = 32,
}

/// <summary>What changed; <see cref="Endpoints"/> lists the endpoints concerned (empty for status changes).</summary>
public sealed record LiveChange(LiveChangeKind Kind, IReadOnlyCollection<string> Endpoints)
{
    public bool Concerns(string endpoint) => Kind.HasFlag(LiveChangeKind.Status) || Endpoints.Contains(endpoint);

    public bool Has(LiveChangeKind kind) => (Kind & kind) != 0;
}
