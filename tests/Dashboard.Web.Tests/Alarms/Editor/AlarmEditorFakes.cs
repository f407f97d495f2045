using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Core.Overview;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Tests.Shared;
using Dashboard.Web.Hosting;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Alarms.Editor;

/// <summary>Alarms in a list; remembers every create and update so a test can tell that nothing was stored.</summary>
internal sealed class FakeAlarmStore : IAlarmStore
{
    public List<AlarmEntry> Entries { get; } = [];
    public List<AlarmTransition> Transitions { get; } = [];
    public List<AlarmDefinition> Created { get; } = [];
    public List<AlarmDefinition> Updated { get; } = [];

    public void Add(AlarmDefinition alarm, AlarmState state = AlarmState.Ok, long since = 0) =>
        Entries.Add(new AlarmEntry(alarm, new AlarmStatus(state, since, "", 0, null), "test", DateTimeOffset.UnixEpoch));

    public Task<IReadOnlyList<AlarmEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmEntry>>(Entries.ToList());

    public Task<IReadOnlyList<AlarmEntry>> ListForEvaluationAsync(CancellationToken cancellationToken = default) => ListAsync(cancellationToken);

    public Task<AlarmEntry?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Entries.FirstOrDefault(e => e.Definition.Name == name));

    public Task CreateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
    {
        Created.Add(alarm);
        Add(alarm, AlarmState.InsufficientData);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
    {
        Updated.Add(alarm);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<AlarmTransition>> ApplyAsync(IReadOnlyList<AlarmOutcome> outcomes, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmTransition>>([]);

    public Task RecordCloudWatchAsync(string name, CloudWatchView view, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<AlarmTransition>> HistoryAsync(AlarmHistoryFilter filter, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmTransition>>(Transitions.Where(t => filter.Endpoint is null || t.Endpoint == filter.Endpoint).ToList());
}

/// <summary>Every series the in-memory metric store holds counts as fetched over all time.</summary>
internal sealed class StoredCoverage(InMemoryMetricQueries queries, Func<IEnumerable<string>> endpoints) : ICoverageQueries
{
    public async Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default)
    {
        var keys = new List<SeriesKey>();
        foreach (var endpoint in endpoints())
        {
            keys.AddRange(await queries.ListSeriesAsync(endpoint, cancellationToken));
        }
        return keys.Distinct().ToDictionary(k => k, _ => new FetchedRange(0, long.MaxValue / 2));
    }
}

internal sealed class NoMirror : IAlarmMirror
{
    public Task SavedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DeletedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>The real <see cref="AlarmService"/> and <see cref="AlarmBacktest"/> over the fleet fakes and a <see cref="FakeAlarmStore"/>.</summary>
internal sealed class AlarmTestServices
{
    public FleetServices Fleet { get; } = new();
    public FakeAlarmStore Store => Fleet.Alarms;

    public List<string> Endpoints { get; } = ["churn"];

    public void Register(IServiceCollection services)
    {
        Fleet.Register(services);
        var coverage = new StoredCoverage(Fleet.Queries, () => Endpoints);
        services.AddSingleton(new AlarmService(Store, coverage, new NoMirror(), Fleet.Live));
        services.AddSingleton(new AlarmBacktest(new AlarmInputs(Fleet.Queries, coverage, Fleet.Baseline)));
        services.AddSingleton(Options.Create(new DashboardOptions()));
        services.AddSingleton(Options.Create(new OverviewOptions()));
    }
}
