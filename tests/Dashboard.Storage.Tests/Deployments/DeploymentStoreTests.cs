using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Deployments;

public sealed class DeploymentStoreTests
{
    private static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer });
    private static readonly Actor Operator = new("oscar", new HashSet<Role> { Role.Operator });
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Deployment Proposal(string endpoint = "churn-prod")
    {
        var plan = new DeploymentPlan(endpoint, DeploymentStrategy.Canary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")],
            ["churn-prod-AllTraffic-5xx-rate"])
        {
            Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 30),
            WaitSeconds = 600,
            BakeSeconds = 600,
        };
        return new Deployment(0, plan, "better recall", DeploymentStatus.Proposed, "erin", Now, DeploymentTimeline.Steps(plan, 2))
        {
            OldConfig = "churn-prod-config-v7",
        };
    }

    [Fact]
    public async Task AddAsync_ThenFind_RoundTripsPlanAndStepsAndAuditsTheProposal()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDeploymentStore>();

        var stored = await store.AddAsync(Proposal(), AuditActions.DeploymentPropose, Engineer, Ct);
        var found = await store.FindAsync(stored.Id, Ct);

        Assert.NotNull(found);
        Assert.Equal(Proposal().Plan.Describe(), found.Plan.Describe());
        Assert.Equal(Proposal().Plan.Models(), found.Plan.Models());
        Assert.Equal(Proposal().Steps, found.Steps);
        Assert.Equal("churn-prod-config-v7", found.OldConfig);
        Assert.Equal(1, await db.ScalarAsync(
            $"SELECT count(*) FROM AuditRecords WHERE Action = 'deployment.propose' AND Target = 'deployment #{stored.Id}' AND Actor = 'erin'"));
    }

    [Fact]
    public async Task ListAlarmsLeftAsync_FinishedWithAnAbortAlarmNotYetDeleted_OnlyThoseAndTheFlagIsKept()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDeploymentStore>();
        async Task<Deployment> AddAsync(string endpoint, DeploymentStatus status, string? abortAlarm) =>
            await store.AddAsync(Proposal(endpoint) with { Status = status, AbortAlarm = abortAlarm, FinishedAt = status == DeploymentStatus.Deploying ? null : Now },
                AuditActions.DeploymentDetect, Operator, Ct);
        var left = await AddAsync("churn-prod", DeploymentStatus.RolledBack, "churn-prod-deployment-1-abort");
        await AddAsync("fraud-detector", DeploymentStatus.Deploying, "fraud-detector-deployment-2-abort");
        await AddAsync("pricing", DeploymentStatus.Rejected, null);
        var cleaned = await AddAsync("support", DeploymentStatus.Succeeded, "support-deployment-4-abort");
        await store.MoveAsync(cleaned with { AlarmsDeletedAt = Now.AddMinutes(2) }, cleaned.Status, null, Operator, Ct);

        var listed = await store.ListAlarmsLeftAsync(10, Ct);

        Assert.Equal([left.Id], listed.Select(d => d.Id));
        Assert.Equal(Now.AddMinutes(2), (await store.FindAsync(cleaned.Id, Ct))!.AlarmsDeletedAt);
    }

    [Fact]
    public async Task EndpointSightings_SavedAgain_ReplaceTheEarlierOneAndSurviveARestart()
    {
        var folder = TempDatabase.NewFolder();
        await using (var db = await TempDatabase.OpenAsync(folder, deleteOnDispose: false))
        {
            var sightings = db.Services.GetRequiredService<IEndpointSightingStore>();
            await sightings.SaveAsync([new EndpointSighting("churn-prod", "churn-prod-config-v7", Now, Now), new EndpointSighting("fraud", null, Now, Now)], Ct);
            await sightings.SaveAsync([new EndpointSighting("churn-prod", "churn-prod-20260302100000", Now.AddHours(1), Now.AddHours(1))], Ct);
        }
        await using var reopened = await TempDatabase.OpenAsync(folder, deleteOnDispose: true);

        var stored = await reopened.Services.GetRequiredService<IEndpointSightingStore>().ListAsync(Ct);

        Assert.Equal(new EndpointSighting("churn-prod", "churn-prod-20260302100000", Now.AddHours(1), Now.AddHours(1)), stored["churn-prod"]);
        Assert.Null(stored["fraud"].ConfigName);
        Assert.Equal(2, stored.Count);
    }

    [Fact]
    public async Task AddAsync_EndpointHasAnOpenDeployment_RefusedByTheDatabase()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDeploymentStore>();
        await store.AddAsync(Proposal(), AuditActions.DeploymentPropose, Engineer, Ct);

        await Assert.ThrowsAsync<DeploymentConflictException>(() => store.AddAsync(Proposal(), AuditActions.DeploymentPropose, Engineer, Ct));
        await store.AddAsync(Proposal("fraud-detector"), AuditActions.DeploymentPropose, Engineer, Ct);
    }

    [Fact]
    public async Task AddAsync_EndpointHasAnOpenTrafficChange_RefusedByTheDatabase()
    {
        await using var db = await TempDatabase.CreateAsync();
        var traffic = db.Services.GetRequiredService<ITrafficChangeStore>();
        await traffic.AddAsync(new TrafficChange(0, "churn-prod", [new VariantWeight("AllTraffic", 1)], [new VariantWeight("AllTraffic", 2)],
            "why", TrafficChangeStatus.Proposed, "erin", Now), Engineer, Ct);

        var ex = await Assert.ThrowsAsync<DeploymentConflictException>(() =>
            db.Services.GetRequiredService<IDeploymentStore>().AddAsync(Proposal(), AuditActions.DeploymentPropose, Engineer, Ct));
        Assert.Contains("open deployment or traffic change", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrafficChange_EndpointHasAnOpenDeployment_RefusedNamingTheDeployment()
    {
        await using var db = await TempDatabase.CreateAsync();
        var stored = await db.Services.GetRequiredService<IDeploymentStore>().AddAsync(Proposal(), AuditActions.DeploymentPropose, Engineer, Ct);

        var ex = await Assert.ThrowsAsync<TrafficConflictException>(() => db.Services.GetRequiredService<ITrafficChangeStore>().AddAsync(
            new TrafficChange(0, "churn-prod", [new VariantWeight("AllTraffic", 1)], [new VariantWeight("AllTraffic", 2)], "why",
                TrafficChangeStatus.Proposed, "erin", Now), Engineer, Ct));
        Assert.Contains($"Deployment #{stored.Id} is still open on churn-prod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveAsync_FromAStatusItLeftAlready_Conflicts()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDeploymentStore>();
        var stored = await store.AddAsync(Proposal(), AuditActions.DeploymentPropose, Engineer, Ct);
        var approved = stored with { Status = DeploymentStatus.Approved, DecidedBy = "oscar", DecidedAt = Now, NewConfig = "churn-prod-20260302093000" };
        await store.MoveAsync(approved, DeploymentStatus.Proposed, AuditActions.DeploymentApprove, Operator, Ct);

        await Assert.ThrowsAsync<DeploymentConflictException>(() =>
            store.MoveAsync(stored with { Status = DeploymentStatus.Rejected }, DeploymentStatus.Proposed, AuditActions.DeploymentReject, Operator, Ct));
        Assert.Equal(DeploymentStatus.Approved, (await store.FindAsync(stored.Id, Ct))!.Status);
    }

    [Fact]
    public async Task MoveAsync_StepProgressWithoutAction_StoresStepsAndAuditsNothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDeploymentStore>();
        var stored = await store.AddAsync(Proposal(), AuditActions.DeploymentPropose, Engineer, Ct);
        var steps = stored.Steps.Select(s => s.Index == 0 ? s with { State = StepState.Running, StartedAt = Now } : s).ToList();

        await store.MoveAsync(stored with { Steps = steps }, DeploymentStatus.Proposed, null, Actor.System, Ct);

        Assert.Equal(StepState.Running, (await store.FindAsync(stored.Id, Ct))!.Steps[0].State);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action LIKE 'deployment.%'"));
    }
}
