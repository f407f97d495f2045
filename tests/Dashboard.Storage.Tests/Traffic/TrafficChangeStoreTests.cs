using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Dashboard.Storage.Traffic;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Traffic;

public sealed class TrafficChangeStoreTests
{
    private static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer }, "10.0.0.7");
    private static readonly Actor Operator = new("oscar", new HashSet<Role> { Role.Operator }, "10.0.0.8");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TrafficChange Proposal(string endpoint = "pricing-ab") => new(0, endpoint,
        [new VariantWeight("VariantA", 0.5), new VariantWeight("VariantB", 0.5)],
        [new VariantWeight("VariantA", 0.8), new VariantWeight("VariantB", 0.2)],
        "B converts better", TrafficChangeStatus.Proposed, "erin", Now);

    [Fact]
    public async Task AddAsync_ThenFind_RoundTripsAndAuditsTheProposal()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();

        var stored = await store.AddAsync(Proposal(), Engineer, Ct);
        var found = await store.FindAsync(stored.Id, Ct);

        Assert.True(stored.Id > 0);
        Assert.Equal(Proposal() with { Id = stored.Id, Weights = found!.Weights, Before = found.Before }, found);
        Assert.Equal(Proposal().Weights, found.Weights);
        Assert.Equal(Proposal().Before, found.Before);
        Assert.Equal(1, await db.ScalarAsync(
            $"SELECT count(*) FROM AuditRecords WHERE Action = 'traffic.propose' AND Target = 'traffic change #{stored.Id}' AND Actor = 'erin' AND Endpoint = 'pricing-ab'"));
    }

    /// <summary>Finding 2: with an infinite weight on the endpoint, recording a proposal threw (JSON has no infinity) and killed the circuit.</summary>
    [Theory]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NaN, "NaN")]
    public async Task AddAsync_EndpointHadANonFiniteWeight_StoredAuditedAndReadBackAsItWas(double current, string written)
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();
        var proposal = Proposal() with { Before = [new VariantWeight("VariantA", current), new VariantWeight("VariantB", 0.2)] };

        var stored = await store.AddAsync(proposal, Engineer, Ct);

        var found = await store.FindAsync(stored.Id, Ct);
        Assert.Equal(current, found!.Before[0].Weight);
        Assert.Equal(proposal.Weights, found.Weights);
        Assert.Equal(1, await db.ScalarAsync(
            $$$"""SELECT count(*) FROM AuditRecords WHERE Action = 'traffic.propose' AND Before = '{"weights":{"VariantA":"{{{written}}}","VariantB":0.2}}'"""));
        Assert.True((await db.Services.GetRequiredService<IAuditQueries>().VerifyAsync(null, Ct)).IsIntact);
    }

    [Fact]
    public async Task AddAsync_SecondOpenForTheEndpoint_RefusedAndNothingWritten()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();
        await store.AddAsync(Proposal(), Engineer, Ct);

        await Assert.ThrowsAsync<TrafficConflictException>(() => store.AddAsync(Proposal(), Operator, Ct));
        await store.AddAsync(Proposal("churn-prod"), Operator, Ct);

        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM TrafficChanges"));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task MoveAsync_ApprovedThenApplied_StoresEachStepWithItsAuditAndTheChainVerifies()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();
        var proposed = await store.AddAsync(Proposal(), Engineer, Ct);
        var approved = proposed with { Status = TrafficChangeStatus.Applying, DecidedBy = "oscar", DecidedAt = Now.AddMinutes(5), DecisionNote = "ok" };
        var applied = approved with { Status = TrafficChangeStatus.Applied, AppliedAt = Now.AddMinutes(5) };

        await store.MoveAsync(approved, TrafficChangeStatus.Proposed, Operator, Ct);
        Assert.Equal([approved.Id], (await store.ListAsync(TrafficChangeStatus.Applying, Ct)).Select(c => c.Id));
        await store.MoveAsync(applied, TrafficChangeStatus.Applying, Operator, Ct);

        Assert.Equal(applied, await store.FindAsync(proposed.Id, Ct) is { } found ? found with { Weights = applied.Weights, Before = applied.Before } : null);
        Assert.Empty(await store.ListAsync(TrafficChangeStatus.Applying, Ct));
        var records = await db.Services.GetRequiredService<IAuditQueries>().SearchAsync(new AuditFilter(), 10, cancellationToken: Ct);
        Assert.Equal([AuditActions.TrafficApply, AuditActions.TrafficApprove, AuditActions.TrafficPropose], records.Select(r => r.Action));
        Assert.All(records.Take(2), r => Assert.Equal("oscar", r.Actor));
        Assert.Contains("\"note\":\"ok\"", records[1].After, StringComparison.Ordinal);
        Assert.True((await db.Services.GetRequiredService<IAuditQueries>().VerifyAsync(null, Ct)).IsIntact);
    }

    [Fact]
    public async Task MoveAsync_TwoApproversAtOnce_OnlyOneMovesTheChange()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();
        var proposed = await store.AddAsync(Proposal(), Engineer, Ct);
        var approvals = Enumerable.Range(0, 4).Select(i => proposed with
        {
            Status = TrafficChangeStatus.Applying,
            DecidedBy = $"op{i}",
            DecidedAt = Now.AddMinutes(1),
        }).ToList();

        var outcomes = await Task.WhenAll(approvals.Select(async a =>
        {
            try
            {
                await store.MoveAsync(a, TrafficChangeStatus.Proposed, new Actor(a.DecidedBy!, new HashSet<Role> { Role.Operator }), Ct);
                return true;
            }
            catch (TrafficConflictException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'traffic.approve'"));
    }

    [Fact]
    public async Task AddAsync_WhileAChangeIsApplying_Refused()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();
        var proposed = await store.AddAsync(Proposal(), Engineer, Ct);
        await store.MoveAsync(proposed with { Status = TrafficChangeStatus.Applying, DecidedBy = "oscar", DecidedAt = Now },
            TrafficChangeStatus.Proposed, Operator, Ct);

        await Assert.ThrowsAsync<TrafficConflictException>(() => store.AddAsync(Proposal(), Operator, Ct));
    }

    [Fact]
    public async Task MoveAsync_AlreadyDecided_RefusedAndNothingWritten()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();
        var proposed = await store.AddAsync(Proposal(), Engineer, Ct);
        var rejected = proposed with { Status = TrafficChangeStatus.Rejected, DecidedBy = "oscar", DecidedAt = Now };
        await store.MoveAsync(rejected, TrafficChangeStatus.Proposed, Operator, Ct);

        await Assert.ThrowsAsync<TrafficConflictException>(() =>
            store.MoveAsync(rejected with { Status = TrafficChangeStatus.Applying }, TrafficChangeStatus.Proposed, Operator, Ct));
        await Assert.ThrowsAsync<TrafficConflictException>(() =>
            store.MoveAsync(rejected with { Status = TrafficChangeStatus.Applied }, TrafficChangeStatus.Applying, Operator, Ct));

        Assert.Equal(TrafficChangeStatus.Rejected, (await store.FindAsync(proposed.Id, Ct))!.Status);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task Database_SecondOpenRowWrittenAroundTheStore_Refused()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Services.GetRequiredService<ITrafficChangeStore>().AddAsync(Proposal(), Engineer, Ct);

        // Another writer (an older replica, a hand-written script) that never asks whether a change is open.
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ScalarAsync(
            "INSERT INTO TrafficChanges (Endpoint, Weights, Reason, Status, ProposedBy, ProposedAt) VALUES ('pricing-ab', '[]', 'x', 'Applying', 'mallory', 0)"));

        Assert.Contains(TempDatabase.IsPostgres ? TrafficChangeStore.OpenIndex : "UNIQUE constraint failed: TrafficChanges.Endpoint", error.Message);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM TrafficChanges"));
        await db.ScalarAsync("INSERT INTO TrafficChanges (Endpoint, Weights, Reason, Status, ProposedBy, ProposedAt) VALUES ('pricing-ab', '[]', 'x', 'Rejected', 'mallory', 0)");
    }

    [Theory]
    [InlineData("Proposed", "Applied")]
    [InlineData("Rejected", "Applying")]
    [InlineData("Withdrawn", "Proposed")]
    [InlineData("Applied", "Failed")]
    [InlineData("Failed", "Applying")]
    [InlineData("Applying", "Proposed")]
    public async Task Database_MoveThatIsNotOneDecisionOrOneOutcome_Refused(string from, string to)
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.ScalarAsync($"INSERT INTO TrafficChanges (Endpoint, Weights, Reason, Status, ProposedBy, ProposedAt) VALUES ('pricing-ab', '[]', 'x', '{from}', 'erin', 0)");

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ScalarAsync($"UPDATE TrafficChanges SET Status = '{to}'"));

        Assert.Contains(TrafficChangeStore.DecidedOnce, error.Message);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM TrafficChanges WHERE Status = '{from}'"));
    }

    [Theory]
    [InlineData("Proposed", "Applying")]
    [InlineData("Proposed", "Rejected")]
    [InlineData("Proposed", "Withdrawn")]
    [InlineData("Applying", "Applied")]
    [InlineData("Applying", "Failed")]
    public async Task Database_OneDecisionOrOneOutcome_Allowed(string from, string to)
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.ScalarAsync($"INSERT INTO TrafficChanges (Endpoint, Weights, Reason, Status, ProposedBy, ProposedAt) VALUES ('pricing-ab', '[]', 'x', '{from}', 'erin', 0)");

        await db.ScalarAsync($"UPDATE TrafficChanges SET Status = '{to}'");

        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM TrafficChanges WHERE Status = '{to}'"));
    }

    [Fact]
    public async Task AddAsync_TwoReplicasProposeForOneEndpointAtOnce_OneWinsAndOneIsAudited()
    {
        await using var first = await TempDatabase.CreateAsync();
        // A second service container on the same file: its own connection pool, as another replica would have.
        await using var second = await TempDatabase.OpenAsync(first.Folder, deleteOnDispose: false);
        var stores = new[] { first, second }.Select(d => d.Services.GetRequiredService<ITrafficChangeStore>()).ToArray();
        const int rounds = 10;

        for (var round = 0; round < rounds; round++)
        {
            var endpoint = $"ep-{round}";
            using var start = new Barrier(stores.Length);
            var outcomes = await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
            {
                start.SignalAndWait(Ct);
                try
                {
                    await store.AddAsync(Proposal(endpoint) with { ProposedBy = $"engineer{i}" }, Engineer, Ct);
                    return true;
                }
                catch (TrafficConflictException e)
                {
                    Assert.Contains("has already proposed a change for " + endpoint, e.Message);
                    return false;
                }
            }, Ct)));

            Assert.Equal(1, outcomes.Count(won => won));
        }

        Assert.Equal(rounds, await first.ScalarAsync("SELECT count(*) FROM TrafficChanges WHERE Status = 'Proposed'"));
        Assert.Equal(rounds, await first.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'traffic.propose'"));
        Assert.True((await first.Services.GetRequiredService<IAuditQueries>().VerifyAsync(null, Ct)).IsIntact);
    }

    [Fact]
    public async Task MoveAsync_TwoReplicasApproveAtOnce_OneMovesTheChangeAndOneIsAudited()
    {
        await using var first = await TempDatabase.CreateAsync();
        await using var second = await TempDatabase.OpenAsync(first.Folder, deleteOnDispose: false);
        var stores = new[] { first, second }.Select(d => d.Services.GetRequiredService<ITrafficChangeStore>()).ToArray();
        const int rounds = 10;

        for (var round = 0; round < rounds; round++)
        {
            var proposed = await stores[0].AddAsync(Proposal($"ep-{round}"), Engineer, Ct);
            using var start = new Barrier(stores.Length);
            var outcomes = await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
            {
                var approval = proposed with { Status = TrafficChangeStatus.Applying, DecidedBy = $"op{i}", DecidedAt = Now };
                start.SignalAndWait(Ct);
                try
                {
                    await store.MoveAsync(approval, TrafficChangeStatus.Proposed, new Actor($"op{i}", new HashSet<Role> { Role.Operator }), Ct);
                    return true;
                }
                catch (TrafficConflictException e)
                {
                    Assert.Contains("was already approved by op", e.Message);
                    return false;
                }
            }, Ct)));

            Assert.Equal(1, outcomes.Count(won => won));
        }

        Assert.Equal(rounds, await first.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'traffic.approve'"));
        Assert.True((await first.Services.GetRequiredService<IAuditQueries>().VerifyAsync(null, Ct)).IsIntact);
    }

    [Fact]
    public async Task ListAsync_NewestFirstForTheEndpointOnly()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<ITrafficChangeStore>();
        var first = await store.AddAsync(Proposal(), Engineer, Ct);
        await store.MoveAsync(first with { Status = TrafficChangeStatus.Withdrawn, DecidedBy = "erin", DecidedAt = Now }, TrafficChangeStatus.Proposed, Engineer, Ct);
        var second = await store.AddAsync(Proposal() with { ProposedAt = Now.AddMinutes(1) }, Engineer, Ct);
        await store.AddAsync(Proposal("churn-prod"), Engineer, Ct);

        var listed = await store.ListAsync("pricing-ab", 10, Ct);

        Assert.Equal([second.Id, first.Id], listed.Select(c => c.Id));
    }
}
