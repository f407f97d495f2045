using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;

namespace Dashboard.Storage.Tests.Alarms;

public class AlarmStoreTests
{
    private static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer }, "10.0.0.7");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_ThenFind_RoundTripsTheDefinitionAndStartsInsufficientData()
    {
        await using var db = await TempDatabase.CreateAsync();
        var alarm = Latency("churn-latency");

        await db.Alarms.CreateAsync(alarm, Engineer, Ct);
        var found = await db.Alarms.FindAsync("churn-latency", Ct);

        Assert.NotNull(found);
        Assert.Equal(alarm with { Metrics = [] }, found.Definition with { Metrics = [] });
        Assert.Equal(AlarmState.InsufficientData, found.Status.State);
        Assert.Equal(0, found.Status.EvaluatedAsOf);
        Assert.Equal("erin", found.UpdatedBy);
    }

    [Fact]
    public async Task CreateAsync_WritesOneAuditRecordWithTheDefinition()
    {
        await using var db = await TempDatabase.CreateAsync();

        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'alarm.create' AND Target = 'a1' AND Actor = 'erin' AND Endpoint = 'churn-prod'"));
    }

    [Fact]
    public async Task CreateAsync_ExistingName_RefusedAndNothingWritten()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);

        await Assert.ThrowsAsync<AlarmConflictException>(() => db.Alarms.CreateAsync(Latency("a1") with { Threshold = 5 }, Engineer, Ct));

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM Alarms"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task UpdateAsync_KeepsStateAndAuditsBeforeAndAfter()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);
        await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Alarm))], Ct);

        await db.Alarms.UpdateAsync(Latency("a1") with { Threshold = 2_000_000 }, Engineer, Ct);

        var found = await db.Alarms.FindAsync("a1", Ct);
        Assert.Equal(2_000_000, found!.Definition.Threshold);
        Assert.Equal(AlarmState.Alarm, found.Status.State);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'alarm.update' AND Before LIKE '%1000000%' AND After LIKE '%2000000%'"));
    }

    [Fact]
    public async Task DeleteAsync_RemovesDefinitionButKeepsHistory()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);
        await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Alarm))], Ct);

        await db.Alarms.DeleteAsync("a1", Engineer, Ct);

        Assert.Null(await db.Alarms.FindAsync("a1", Ct));
        var history = await db.Alarms.HistoryAsync(new AlarmHistoryFilter { AlarmName = "a1" }, Ct);
        Assert.Single(history);
        await Assert.ThrowsAsync<AlarmConflictException>(() => db.Alarms.DeleteAsync("a1", Engineer, Ct));
    }

    [Fact]
    public async Task ApplyAsync_StateChange_RecordsOneTransitionWithItsExplanation()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);

        var transitions = await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Alarm))], Ct);

        var transition = Assert.Single(transitions);
        Assert.Equal((AlarmState.InsufficientData, AlarmState.Alarm, 600L), (transition.OldState, transition.NewState, transition.Time));
        Assert.Equal(3, transition.Evaluation!.Periods.Count);
        var status = (await db.Alarms.FindAsync("a1", Ct))!.Status;
        Assert.Equal((AlarmState.Alarm, 600L, 600L), (status.State, status.Since, status.EvaluatedAsOf));
    }

    [Fact]
    public async Task ApplyAsync_SameOrOlderMinuteAgain_ChangesNothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);
        await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Alarm))], Ct);

        var again = await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Ok))], Ct);
        var older = await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(540, AlarmState.Ok))], Ct);

        Assert.Empty(again);
        Assert.Empty(older);
        Assert.Equal(AlarmState.Alarm, (await db.Alarms.FindAsync("a1", Ct))!.Status.State);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AlarmTransitions"));
    }

    [Fact]
    public async Task ApplyAsync_UnchangedState_AdvancesTheEvaluationWithoutATransition()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);
        await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Ok))], Ct);

        var transitions = await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(660, AlarmState.Ok))], Ct);

        Assert.Empty(transitions);
        var status = (await db.Alarms.FindAsync("a1", Ct))!.Status;
        Assert.Equal((600L, 660L), (status.Since, status.EvaluatedAsOf));
    }

    [Fact]
    public async Task ListForEvaluationAsync_SeesStatesAndEditsWithoutExplanations()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);
        await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Alarm))], Ct);
        await db.Alarms.ListForEvaluationAsync(Ct);

        await db.Alarms.UpdateAsync(Latency("a1") with { Threshold = 7 }, Engineer, Ct);
        var entry = Assert.Single(await db.Alarms.ListForEvaluationAsync(Ct));

        Assert.Equal(7, entry.Definition.Threshold);
        Assert.Equal((AlarmState.Alarm, 600L, 600L), (entry.Status.State, entry.Status.Since, entry.Status.EvaluatedAsOf));
        Assert.Null(entry.Status.Evaluation);
    }

    [Fact]
    public async Task ApplyAsync_SeveralEvaluationsOfOneAlarm_EachChangeIsATransitionInOrder()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);

        var transitions = await db.Alarms.ApplyAsync([
            new AlarmOutcome("a1", Evaluation(600, AlarmState.Ok)),
            new AlarmOutcome("a1", Evaluation(660, AlarmState.Alarm), MutedBy: "maintenance"),
            new AlarmOutcome("a1", Evaluation(720, AlarmState.Alarm)),
        ], Ct);

        Assert.Equal([(AlarmState.InsufficientData, AlarmState.Ok), (AlarmState.Ok, AlarmState.Alarm)], transitions.Select(t => (t.OldState, t.NewState)));
        Assert.Equal("maintenance", transitions[1].MutedBy);
        Assert.True(transitions[1].Id > transitions[0].Id);
        var status = (await db.Alarms.FindAsync("a1", Ct))!.Status;
        Assert.Equal((AlarmState.Alarm, 660L, 720L), (status.State, status.Since, status.EvaluatedAsOf));
    }

    [Fact]
    public async Task HistoryAsync_FiltersByEndpointStateTextAndTime()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);
        await db.Alarms.CreateAsync(Latency("b2", "pricing-ab"), Engineer, Ct);
        await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(600, AlarmState.Alarm)), new AlarmOutcome("b2", Evaluation(600, AlarmState.Ok))], Ct);
        await db.Alarms.ApplyAsync([new AlarmOutcome("a1", Evaluation(1200, AlarmState.Ok))], Ct);

        Assert.Equal([1200L, 600L], (await db.Alarms.HistoryAsync(new AlarmHistoryFilter { AlarmName = "a1" }, Ct)).Select(t => t.Time));
        Assert.Equal(["b2"], (await db.Alarms.HistoryAsync(new AlarmHistoryFilter { Endpoint = "pricing-ab" }, Ct)).Select(t => t.AlarmName));
        Assert.Equal(["a1"], (await db.Alarms.HistoryAsync(new AlarmHistoryFilter { State = AlarmState.Alarm }, Ct)).Select(t => t.AlarmName));
        Assert.Equal(2, (await db.Alarms.HistoryAsync(new AlarmHistoryFilter { Text = "Ok at threshold 50%" }, Ct)).Count);
        Assert.Empty(await db.Alarms.HistoryAsync(new AlarmHistoryFilter { Text = "threshold 5_" }, Ct));
        Assert.Equal([600L, 600L], (await db.Alarms.HistoryAsync(new AlarmHistoryFilter { From = 0, To = 1200 }, Ct)).Select(t => t.Time));
    }

    [Fact]
    public async Task RecordCloudWatchAsync_ShownWithTheStatus()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Alarms.CreateAsync(Latency("a1"), Engineer, Ct);

        await db.Alarms.RecordCloudWatchAsync("a1", new CloudWatchView(AlarmState.Ok, "Threshold Crossed", 900, Since: 840), Ct);

        Assert.Equal(new CloudWatchView(AlarmState.Ok, "Threshold Crossed", 900, Since: 840), (await db.Alarms.FindAsync("a1", Ct))!.Status.CloudWatch);
    }

    private static AlarmDefinition Latency(string name, string endpoint = "churn-prod") => new()
    {
        Name = name,
        Kind = AlarmKind.Metric,
        Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
            [new("EndpointName", endpoint), new("VariantName", "AllTraffic")], "p90", 60),
        EvaluationPeriods = 3,
        DatapointsToAlarm = 2,
        Threshold = 1_000_000,
    };

    private static AlarmEvaluation Evaluation(long asOf, AlarmState state) =>
        new(asOf, state, $"{state} at threshold 50%", [
            new EvaluatedPeriod(asOf - 180, 1.5, PeriodVerdict.Breaching),
            new EvaluatedPeriod(asOf - 120, null, PeriodVerdict.Missing),
            new EvaluatedPeriod(asOf - 60, 0.5, PeriodVerdict.NotBreaching),
        ], 1, 2, 3);
}
