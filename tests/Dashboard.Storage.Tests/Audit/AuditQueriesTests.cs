using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Storage.Tests.Audit;

public sealed class AuditQueriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // One record a minute from Start: sequence n is at Start + (n-1) minutes.
    private static readonly (string Actor, AuditEvent Change)[] Trail =
    [
        ("ana", new(AuditActions.AlarmCreate, "p99-latency", "fraud-detector", null, """{"threshold":200}""")),
        ("Bob", new(AuditActions.AlarmUpdate, "p99-latency", "fraud-detector", """{"threshold":200}""", """{"threshold":250}""")),
        ("ana", new(AuditActions.BaselinePin, "Invocations", "churn-model", null, """{"window":"7d"}""")),
        ("carol", new(AuditActions.UserRoles, "dave", null, """["Viewer"]""", """["Viewer","Admin"]""")),
        ("system", new(AuditActions.AlarmDelete, "cpu_100%", "fraud-detector", """{"threshold":100}""", null)),
        ("anonymous", new(AuditActions.SignInFailed, "mallory", null)),
    ];

    [Theory]
    [InlineData("ANA", new long[] { 3, 1 })]
    [InlineData("bob", new long[] { 2 })]
    [InlineData("nobody", new long[0])]
    public async Task SearchAsync_ByActor_ContainsIgnoringCase(string actor, long[] expected)
    {
        await using var db = await SeededAsync();

        Assert.Equal(expected, await SequencesAsync(db, new AuditFilter(Actor: actor)));
    }

    [Theory]
    [InlineData("alarm", new long[] { 5, 2, 1 })]
    [InlineData("alarm.update", new long[] { 2 })]
    [InlineData("signin", new long[] { 6 })]
    [InlineData("update", new long[0])]
    public async Task SearchAsync_ByActionPrefix_MatchesTheStart(string prefix, long[] expected)
    {
        await using var db = await SeededAsync();

        Assert.Equal(expected, await SequencesAsync(db, new AuditFilter(ActionPrefix: prefix)));
    }

    [Fact]
    public async Task SearchAsync_ByEndpoint_Exact()
    {
        await using var db = await SeededAsync();

        var found = await SequencesAsync(db, new AuditFilter(Endpoint: "fraud-detector"));

        Assert.Equal([5L, 2, 1], found);
        Assert.Empty(await SequencesAsync(db, new AuditFilter(Endpoint: "fraud")));
    }

    [Theory]
    [InlineData("latency", new long[] { 2, 1 })]
    [InlineData("250", new long[] { 2 })]
    [InlineData("Admin", new long[] { 4 })]
    [InlineData("100%", new long[] { 5 })]
    [InlineData("_", new long[] { 5 })]
    public async Task SearchAsync_ByText_LooksInTargetBeforeAndAfterWithWildcardsTakenLiterally(string text, long[] expected)
    {
        await using var db = await SeededAsync();

        Assert.Equal(expected, await SequencesAsync(db, new AuditFilter(Text: text)));
    }

    [Fact]
    public async Task SearchAsync_ByTime_FromInclusiveToExclusive()
    {
        await using var db = await SeededAsync();

        var found = await SequencesAsync(db, new AuditFilter(From: Start.AddMinutes(1), To: Start.AddMinutes(3)));

        Assert.Equal([3L, 2], found);
    }

    [Fact]
    public async Task SearchAsync_FiltersCombine()
    {
        await using var db = await SeededAsync();

        var filter = new AuditFilter(Actor: "ana", ActionPrefix: "alarm", Endpoint: "fraud-detector", Text: "latency", From: Start, To: Start.AddHours(1));

        var found = await SequencesAsync(db, filter);

        Assert.Equal([1L], found);
        Assert.Equal(1, await Queries(db).CountAsync(filter, Ct));
    }

    [Fact]
    public async Task SearchAsync_Paging_ByOffsetAndBeforeSequence()
    {
        await using var db = await SeededAsync();
        var queries = Queries(db);

        var page2 = await queries.SearchAsync(AuditFilter.None, 2, offset: 2, cancellationToken: Ct);
        var afterFive = await queries.SearchAsync(AuditFilter.None, 2, beforeSequence: 5, cancellationToken: Ct);

        Assert.Equal([4L, 3], page2.Select(r => r.Sequence));
        Assert.Equal([4L, 3], afterFive.Select(r => r.Sequence));
        Assert.Equal(6, await queries.CountAsync(AuditFilter.None, Ct));
    }

    [Fact]
    public async Task StreamAsync_AllMatchingNewestFirst()
    {
        await using var db = await SeededAsync();

        var streamed = await Queries(db).StreamAsync(new AuditFilter(ActionPrefix: "alarm"), Ct).Select(r => r.Sequence).ToListAsync(Ct);

        Assert.Equal([5L, 2, 1], streamed);
    }

    [Fact]
    public async Task ForEndpointAsync_SinceAndLimit()
    {
        await using var db = await SeededAsync();

        var recent = await Queries(db).ForEndpointAsync("fraud-detector", Start.AddMinutes(1), 1, Ct);

        var record = Assert.Single(recent);
        Assert.Equal(5, record.Sequence);
        Assert.Equal("system", record.Actor);
    }

    [Fact]
    public async Task AnnotationsAsync_OldestFirstWithShortLabels()
    {
        await using var db = await SeededAsync();

        var marks = await Queries(db).AnnotationsAsync("fraud-detector", Start, Start.AddMinutes(4), cancellationToken: Ct);

        Assert.Equal([new AuditAnnotation(1, Start, "alarm.create p99-latency by ana"), new AuditAnnotation(2, Start.AddMinutes(1), "alarm.update p99-latency by Bob")], marks);
    }

    [Fact]
    public async Task AnnotationsAsync_OverTheLimit_KeepsTheNewest()
    {
        await using var db = await SeededAsync();

        var marks = await Queries(db).AnnotationsAsync("fraud-detector", Start, Start.AddHours(1), limit: 2, Ct);

        Assert.Equal([2L, 5], marks.Select(m => m.Sequence));
    }

    private static async Task<TempDatabase> SeededAsync()
    {
        var db = await TempDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        var log = new AuditLog(db.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), clock);
        foreach (var (actor, change) in Trail)
        {
            await log.AppendAsync(new Actor(actor, new HashSet<Role>(), "10.1.1.1"), change, Ct);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        return db;
    }

    private static IAuditQueries Queries(TempDatabase db) => db.Services.GetRequiredService<IAuditQueries>();

    private static async Task<long[]> SequencesAsync(TempDatabase db, AuditFilter filter) =>
        (await Queries(db).SearchAsync(filter, 100, cancellationToken: Ct)).Select(r => r.Sequence).ToArray();
}
