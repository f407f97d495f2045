using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Tests.Alarms;

public class AlarmServiceTests
{
    private static readonly SeriesKey Latency = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
        [new("EndpointName", "ep"), new("VariantName", "v1")], "p90", 60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeStore _store = new();
    private readonly FakeMirror _mirror = new();
    private readonly AlarmService _service;

    public AlarmServiceTests() => _service = new AlarmService(_store, new Coverage(Latency), _mirror, new LiveStore(TimeProvider.System));

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Admin)]
    public async Task SaveAsync_RoleWithoutEditAlarms_RefusedAndNothingStored(Role role)
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.SaveAsync(As(role), Alarm("a"), isNew: true, Ct));

        Assert.Empty(_store.Alarms);
        Assert.Empty(_mirror.Saved);
    }

    [Theory]
    [InlineData(Role.Engineer)]
    [InlineData(Role.Operator)]
    public async Task SaveAsync_EngineerOrOperator_StoresAndMirrors(Role role)
    {
        var errors = await _service.SaveAsync(As(role), Alarm("a"), isNew: true, Ct);

        Assert.Empty(errors);
        Assert.Equal(["a"], _store.Alarms.Keys);
        Assert.Equal(["a"], _mirror.Saved);
    }

    [Fact]
    public async Task SaveAsync_InvalidFields_ReturnsErrorsPerFieldAndStoresNothing()
    {
        var errors = await _service.SaveAsync(As(Role.Engineer), Alarm("a") with { DatapointsToAlarm = 5, Threshold = double.NaN }, true, Ct);

        Assert.Contains(errors, e => e.Field == nameof(AlarmDefinition.DatapointsToAlarm));
        Assert.Contains(errors, e => e.Field == nameof(AlarmDefinition.Threshold));
        Assert.Empty(_store.Alarms);
    }

    /// <summary>Finding 3: the values the old fields produced (±1.8e308 for NaN, 1e309, -1e400) were finite and saved.</summary>
    public static TheoryData<string, AlarmDefinition> AbsurdNumbers() => new()
    {
        { "Threshold", Alarm("a") with { Threshold = -double.MaxValue } },
        { "Threshold", Alarm("a") with { Threshold = double.MaxValue } },
        { "Threshold", Alarm("a") with { Threshold = double.PositiveInfinity } },
        { "EvaluationPeriods", Alarm("a") with { EvaluationPeriods = int.MaxValue, DatapointsToAlarm = 1 } },
        { "DatapointsToAlarm", Alarm("a") with { DatapointsToAlarm = int.MinValue } },
        { "BandWidth", Alarm("a") with { Kind = AlarmKind.AnomalyDetection, Comparison = ComparisonOperator.GreaterThanUpperThreshold, BandWidth = double.MaxValue } },
        { "BandWidth", Alarm("a") with { Kind = AlarmKind.AnomalyDetection, Comparison = ComparisonOperator.GreaterThanUpperThreshold, BandWidth = double.NaN } },
    };

    [Theory]
    [MemberData(nameof(AbsurdNumbers))]
    public async Task SaveAsync_NumberNotFiniteOrOutOfRange_RefusedAtItsFieldAndNothingStoredOrMirrored(string field, AlarmDefinition alarm)
    {
        var errors = await _service.SaveAsync(As(Role.Engineer), alarm, true, Ct);

        Assert.Equal(field, Assert.Single(errors).Field);
        Assert.Empty(_store.Alarms);
        Assert.Empty(_mirror.Saved);
    }

    [Fact]
    public async Task SaveAsync_NewWithExistingName_NameError()
    {
        await _service.SaveAsync(As(Role.Engineer), Alarm("a"), true, Ct);

        var errors = await _service.SaveAsync(As(Role.Engineer), Alarm("a"), true, Ct);

        Assert.Equal(nameof(AlarmDefinition.Name), Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("сhurn-latency")] // Cyrillic с
    [InlineData("Churn-Latency")]
    [InlineData("ｃｈｕｒｎ-latency")] // full-width letters
    public async Task SaveAsync_NewNameReadingLikeAnExistingOne_RefusedAtTheNameFieldAndNothingStored(string name)
    {
        await _service.SaveAsync(As(Role.Engineer), Alarm("churn-latency"), true, Ct);

        var errors = await _service.SaveAsync(As(Role.Engineer), Alarm(name), true, Ct);

        var error = Assert.Single(errors);
        Assert.Equal(nameof(AlarmDefinition.Name), error.Field);
        Assert.Contains("reads the same as the alarm 'churn-latency'", error.Message);
        Assert.Equal(["churn-latency"], _store.Alarms.Keys);
    }

    [Theory]
    [InlineData("system")]
    [InlineData("history")]
    [InlineData("p99 %")]
    public async Task SaveAsync_ExistingAlarmWhoseNameTheRuleNowRefuses_StaysEditable(string name)
    {
        _store.Alarms.Add(name, Alarm(name));

        Assert.NotEmpty(await _service.SaveAsync(As(Role.Engineer), Alarm(name + "-2") with { Name = name + "/" }, true, Ct));
        var errors = await _service.SaveAsync(As(Role.Engineer), Alarm(name) with { Threshold = 2_000_000 }, false, Ct);

        Assert.Empty(errors);
        Assert.Equal(2_000_000, _store.Alarms[name].Threshold);
    }

    [Theory]
    [InlineData("churn-latency-2")]
    [InlineData("churn-latencz")]
    public async Task SaveAsync_NewNameMerelySimilar_Stored(string name)
    {
        await _service.SaveAsync(As(Role.Engineer), Alarm("churn-latency"), true, Ct);

        Assert.Empty(await _service.SaveAsync(As(Role.Engineer), Alarm(name), true, Ct));
    }

    [Fact]
    public async Task DeleteAsync_AlarmUsedByComposite_RefusedWithTheCompositesName()
    {
        await _service.SaveAsync(As(Role.Engineer), Alarm("a"), true, Ct);
        Assert.Empty(await _service.SaveAsync(As(Role.Engineer),
            new AlarmDefinition { Name = "parent", Kind = AlarmKind.Composite, AlarmRule = "ALARM(a)" }, true, Ct));

        var error = await Assert.ThrowsAsync<AlarmConflictException>(() => _service.DeleteAsync(As(Role.Engineer), "a", Ct));

        Assert.Contains("parent", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _store.Alarms.Count);
    }

    [Fact]
    public async Task DeleteAsync_Viewer_Refused()
    {
        await _service.SaveAsync(As(Role.Engineer), Alarm("a"), true, Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.DeleteAsync(As(Role.Viewer), "a", Ct));

        Assert.Single(_store.Alarms);
        Assert.Empty(_mirror.Deleted);
    }

    private static Actor As(Role role) => new(role.ToString().ToLowerInvariant(), new HashSet<Role> { role });

    private static AlarmDefinition Alarm(string name) => new()
    {
        Name = name,
        Kind = AlarmKind.Metric,
        Metric = Latency,
        EvaluationPeriods = 3,
        DatapointsToAlarm = 3,
        Threshold = 1_000_000,
    };

    private sealed class Coverage(params SeriesKey[] keys) : ICoverageQueries
    {
        public Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<SeriesKey, FetchedRange>>(keys.ToDictionary(k => k, _ => new FetchedRange(0, 60)));
    }

    private sealed class FakeMirror : IAlarmMirror
    {
        public List<string> Saved { get; } = [];
        public List<string> Deleted { get; } = [];

        public Task SavedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default)
        {
            Saved.Add(alarm.Name);
            return Task.CompletedTask;
        }

        public Task DeletedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default)
        {
            Deleted.Add(alarm.Name);
            return Task.CompletedTask;
        }
    }

    private sealed class FakeStore : IAlarmStore
    {
        public Dictionary<string, AlarmDefinition> Alarms { get; } = [];

        public Task<IReadOnlyList<AlarmEntry>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AlarmEntry>>(Alarms.Values.Select(a => new AlarmEntry(a, AlarmStatus.Initial(0), "x", default)).ToList());

        public Task<IReadOnlyList<AlarmEntry>> ListForEvaluationAsync(CancellationToken cancellationToken = default) => ListAsync(cancellationToken);

        public async Task<AlarmEntry?> FindAsync(string name, CancellationToken cancellationToken = default) =>
            (await ListAsync(cancellationToken)).FirstOrDefault(e => e.Definition.Name == name);

        public Task CreateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
        {
            Alarms.Add(alarm.Name, alarm);
            return Task.CompletedTask;
        }

        public Task UpdateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
        {
            Alarms[alarm.Name] = alarm;
            return Task.CompletedTask;
        }

        public Task DeleteAsync(string name, Actor actor, CancellationToken cancellationToken = default)
        {
            Alarms.Remove(name);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AlarmTransition>> ApplyAsync(IReadOnlyList<AlarmOutcome> outcomes, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task RecordCloudWatchAsync(string name, CloudWatchView view, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<AlarmTransition>> HistoryAsync(AlarmHistoryFilter filter, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
