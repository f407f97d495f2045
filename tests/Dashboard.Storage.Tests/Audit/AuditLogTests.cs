using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Dashboard.Storage.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Storage.Tests.Audit;

public sealed class AuditLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Ana = new("ana", new HashSet<Role> { Role.Engineer }, "10.0.0.5");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_ThreeRecords_ChainedInOrderAndIntact()
    {
        await using var db = await TempDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Start.AddTicks(5));
        var log = new AuditLog(Contexts(db), clock);

        var first = await log.AppendAsync(Ana, Change(1), Ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await log.AppendAsync(Actor.System, Change(2), Ct);
        var third = await log.AppendAsync(Ana, Change(3), Ct);

        Assert.Equal([1L, 2L, 3L], [first.Sequence, second.Sequence, third.Sequence]);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(Start.AddSeconds(1), second.Time);
        var stored = await Queries(db).SearchAsync(AuditFilter.None, 10, cancellationToken: Ct);
        Assert.Equal([third, second, first], stored);
        var result = await Queries(db).VerifyAsync(null, Ct);
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(3, result.Checked);
    }

    [Fact]
    public async Task VerifyAsync_EmptyTrail_Intact()
    {
        await using var db = await TempDatabase.CreateAsync();

        var result = await Queries(db).VerifyAsync(null, Ct);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.Checked);
    }

    [Theory]
    [InlineData("UPDATE AuditRecords SET After = '{\"threshold\":1}' WHERE Sequence = 3")]
    [InlineData("UPDATE AuditRecords SET Actor = 'someone-else' WHERE Sequence = 3")]
    [InlineData("UPDATE AuditRecords SET TimeMs = TimeMs + 1 WHERE Sequence = 3")]
    [InlineData("UPDATE AuditRecords SET RemoteAddress = NULL WHERE Sequence = 3")]
    public async Task VerifyAsync_RowEditedWithSql_NamesThatRecord(string tamper)
    {
        await using var db = await TempDatabase.CreateAsync();
        await AppendAsync(db, 5);

        await db.ScalarAsync(tamper);
        var result = await Queries(db).VerifyAsync(null, Ct);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(2, result.Checked);
        Assert.Contains("Record 3", result.Message);
    }

    [Fact]
    public async Task HeadWitness_LogsTheHeadWhenItMoves_AndThatHeadCatchesRemovedNewestRecords()
    {
        await using var db = await TempDatabase.CreateAsync();
        var logger = new FakeLogger<AuditHeadWitness>();
        var witness = new AuditHeadWitness(Queries(db), TimeProvider.System, logger);

        Assert.Null(await witness.WitnessAsync(Ct));
        await AppendAsync(db, 5);
        var head = await witness.WitnessAsync(Ct);
        await witness.WitnessAsync(Ct);

        Assert.Equal(5, head!.Sequence);
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal($"Audit trail head {head}", logged.Message);

        await db.ScalarAsync("DELETE FROM AuditRecords WHERE Sequence = 5");
        Assert.True((await Queries(db).VerifyAsync(null, Ct)).IsIntact);
        var noted = AuditHead.Parse(logged.Message["Audit trail head ".Length..], out _);
        var result = await Queries(db).VerifyAsync(noted, Ct);

        Assert.False(result.IsIntact);
        Assert.Equal(5, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_RowDeletedWithSql_NamesTheMissingRecord()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AppendAsync(db, 5);

        await db.ScalarAsync("DELETE FROM AuditRecords WHERE Sequence = 4");
        var result = await Queries(db).VerifyAsync(null, Ct);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("Record 4 was removed", result.Message);
    }

    [Fact]
    public async Task AppendAsync_ManyTasksAtOnce_OneIntactChain()
    {
        await using var db = await TempDatabase.CreateAsync();
        var log = db.Services.GetRequiredService<IAuditLog>();

        var records = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => log.AppendAsync(Ana, Change(i), Ct), Ct)));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), records.Select(r => r.Sequence).Order());
        var result = await Queries(db).VerifyAsync(null, Ct);
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(40, result.Checked);
    }

    [Fact]
    public async Task AppendAsync_TwoContainersOnOneFile_OneIntactChain()
    {
        // Two service containers stand in for two processes: separate semaphores, one database file.
        await using var db = await TempDatabase.CreateAsync();
        await using var other = await TempDatabase.OpenAsync(db.Folder, deleteOnDispose: false);
        var logs = new[] { db.Services.GetRequiredService<IAuditLog>(), other.Services.GetRequiredService<IAuditLog>() };

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => logs[i % 2].AppendAsync(Ana, Change(i), Ct), Ct)));

        var result = await Queries(db).VerifyAsync(null, Ct);
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(40, result.Checked);
    }

    [Fact]
    public async Task AuditAppender_TransactionRolledBack_NeitherChangeNorRecordStays()
    {
        await using var db = await TempDatabase.CreateAsync();

        await using (var context = await Contexts(db).CreateDbContextAsync(Ct))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            context.Endpoints.Add(Endpoint("fraud-detector"));
            await AuditAppender.AddAsync(context, Ana, Change(1), Start, Ct);
            await context.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Endpoints"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task AuditAppender_Committed_ChangeAndChainedRecordsStay()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AppendAsync(db, 2);

        await using (var context = await Contexts(db).CreateDbContextAsync(Ct))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            context.Endpoints.Add(Endpoint("fraud-detector"));
            var first = await AuditAppender.AddAsync(context, Ana, Change(3), Start, Ct);
            var second = await AuditAppender.AddAsync(context, Ana, Change(4), Start, Ct);
            await context.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
            Assert.Equal((3, 4), (first.Sequence, second.Sequence));
        }

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM Endpoints"));
        var result = await Queries(db).VerifyAsync(null, Ct);
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(4, result.Checked);
    }

    [Fact]
    public async Task AuditAppender_NoTransaction_Refused()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var context = await Contexts(db).CreateDbContextAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => AuditAppender.AddAsync(context, Ana, Change(1), Start, Ct));
    }

    private static IDbContextFactory<DashboardDbContext> Contexts(TempDatabase db) =>
        db.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    private static IAuditQueries Queries(TempDatabase db) => db.Services.GetRequiredService<IAuditQueries>();

    private static async Task AppendAsync(TempDatabase db, int count)
    {
        var log = db.Services.GetRequiredService<IAuditLog>();
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Ana, Change(i), Ct);
        }
    }

    private static AuditEvent Change(int n) =>
        new(AuditActions.AlarmUpdate, "p99-latency", "fraud-detector", $$"""{"threshold":{{n}}}""", $$"""{"threshold":{{n + 1}}}""");

    private static StoredEndpoint Endpoint(string name) =>
        new() { Name = name, Arn = $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}", Status = "InService" };
}
