using Dashboard.Core.Audit;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Storage.Tests.Notifications.NotificationTestData;

namespace Dashboard.Storage.Tests.Retraining;

public sealed class RetrainingStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Operator = new("otto", new HashSet<Role> { Role.Operator });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IRetrainingStore Store(TempDatabase db) => db.Services.GetRequiredService<IRetrainingStore>();

    private static RetrainingRun Proposal(string endpoint = "credit-risk") =>
        new(0, endpoint, "credit-risk-retrain", [new PipelineParameter("MaxDepth", "8"), new PipelineParameter("MinF1", "0.72")], FindingKind.Drift,
            "income: drift 0.430 over its threshold 0.200", "income moved", RetrainingStatus.Proposed, "erin", Now);

    [Fact]
    public async Task AddAsync_Proposal_StoresItsAuditRecordAndANoticeForEveryEnabledWebhook()
    {
        await using var db = await TempDatabase.CreateAsync();
        var webhooks = db.Services.GetRequiredService<IWebhookStore>();
        await webhooks.CreateAsync(new Webhook(0, "ops", "https://hooks.slack.com/services/ops", WebhookFormat.Generic, true), Admin, Ct);

        var run = await Store(db).AddAsync(Proposal(), Engineer, Ct);

        var record = Assert.Single(await db.Services.GetRequiredService<IAuditQueries>().ForEndpointAsync("credit-risk", Now.AddDays(-1), 10, Ct));
        Assert.Equal((AuditActions.RetrainingPropose, $"retraining #{run.Id}", "erin"), (record.Action, record.Target, record.Actor));
        Assert.Contains("\"MaxDepth\":\"8\"", record.After, StringComparison.Ordinal);
        var due = Assert.Single(await webhooks.DueAsync(long.MaxValue, 10, Ct));
        Assert.Equal(NoticeSubject.Retraining, due.Notice!.Subject);
        Assert.Equal($"/retraining/{run.Id}", due.Notice.Path);
        Assert.Contains($"\"event\":\"retraining\",\"kind\":\"Proposed\",\"retraining\":{run.Id}", due.Body(null), StringComparison.Ordinal);
        Assert.Single(await db.Services.GetRequiredService<IDeploymentNoticeStore>().RecentAsync(10, Ct));
    }

    [Fact]
    public async Task AddAsync_EndpointHasAnOpenRun_ThrowsConflict()
    {
        await using var db = await TempDatabase.CreateAsync();
        await Store(db).AddAsync(Proposal(), Engineer, Ct);

        await Assert.ThrowsAsync<RetrainingConflictException>(() => Store(db).AddAsync(Proposal(), Operator, Ct));
        Assert.NotNull(await Store(db).AddAsync(Proposal("churn-prod"), Operator, Ct));
    }

    [Fact]
    public async Task MoveAsync_FromAStatusItLeftAlready_ThrowsConflictAndStoresNothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        var run = await Store(db).AddAsync(Proposal(), Engineer, Ct);
        await Store(db).MoveAsync(run with { Status = RetrainingStatus.Rejected, DecidedBy = "otto", DecidedAt = Now }, RetrainingStatus.Proposed,
            AuditActions.RetrainingReject, Operator, Ct);

        await Assert.ThrowsAsync<RetrainingConflictException>(() => Store(db).MoveAsync(run with { Status = RetrainingStatus.Approved, DecidedBy = "olga" },
            RetrainingStatus.Proposed, AuditActions.RetrainingApprove, Operator, Ct));

        Assert.Equal(RetrainingStatus.Rejected, (await Store(db).FindAsync(run.Id, Ct))!.Status);
    }

    [Fact]
    public async Task MoveAsync_ProgressWithoutAction_RoundTripsStepsAndAddsNoAuditRecord()
    {
        await using var db = await TempDatabase.CreateAsync();
        var run = await Store(db).AddAsync(Proposal(), Engineer, Ct);
        var running = run with
        {
            Status = RetrainingStatus.Running,
            ExecutionArn = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/credit-risk-retrain/execution/abc",
            StartedAt = Now.AddMinutes(1),
            Steps = [new RetrainingStep("Train", "Failed", Now.AddMinutes(1), Now.AddMinutes(2), "AlgorithmError: MemoryError")],
        };

        await Store(db).MoveAsync(running, RetrainingStatus.Proposed, null, Core.Security.Actor.System, Ct);

        var stored = await Store(db).FindAsync(run.Id, Ct);
        Assert.Equal(running.Steps, stored!.Steps);
        Assert.Equal(running.Parameters, stored.Parameters);
        Assert.Single(await db.Services.GetRequiredService<IAuditQueries>().ForEndpointAsync("credit-risk", Now.AddDays(-1), 10, Ct));
    }

    [Fact]
    public async Task Notices_RetrainingAndDeploymentWithTheSameIdAndKey_AreBothTold()
    {
        await using var db = await TempDatabase.CreateAsync();
        var run = await Store(db).AddAsync(Proposal(), Engineer, Ct);
        var notices = db.Services.GetRequiredService<IDeploymentNoticeStore>();

        var told = await notices.RecordAsync([new DeploymentNotice(run.Id, "credit-risk", AuditActions.RetrainingPropose, DeploymentNoticeKind.Proposed, Now,
            "Deployment with the same id and key", null)], 0, deliver: false, Ct);

        Assert.Single(told);
        Assert.Equal(2, (await notices.RecentAsync(10, Ct)).Count);
    }
}
