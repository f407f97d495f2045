using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage.Tests.Notifications;

internal static class NotificationTestData
{
    public static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer }, "10.0.0.7");
    public static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin }, "10.0.0.8");
    public static readonly Actor Viewer = new("vic", new HashSet<Role> { Role.Viewer });

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Creates an alarm and moves it to ALARM, so a stored transition exists for deliveries to point at.</summary>
    public static async Task<AlarmTransition> TransitionAsync(TempDatabase db, string alarm = "a1", long asOf = 600, string? mutedBy = null)
    {
        var ct = TestContext.Current.CancellationToken;
        if (await db.Alarms.FindAsync(alarm, ct) is null)
        {
            await db.Alarms.CreateAsync(new AlarmDefinition
            {
                Name = alarm,
                Kind = AlarmKind.Metric,
                Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
                    [new("EndpointName", "churn-prod"), new("VariantName", "AllTraffic")], "p90", 60),
                Threshold = 1_000_000,
            }, Engineer, ct);
        }
        var found = await db.Alarms.FindAsync(alarm, ct);
        var next = found!.Status.State == AlarmState.Alarm ? AlarmState.Ok : AlarmState.Alarm;
        var transitions = await db.Alarms.ApplyAsync(
            [new AlarmOutcome(alarm, new AlarmEvaluation(asOf, next, $"{next} for the test", [], 1, 1, 1), mutedBy)], ct);
        return Assert.Single(transitions);
    }

    /// <summary>Stores a fleet of InService endpoints with these names (one variant each).</summary>
    public static Task SaveFleetAsync(TempDatabase db, params string[] endpoints) =>
        db.Fleet.SaveAsync(endpoints.Select(name => new EndpointState(name, $"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name}", "InService",
            null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, [new VariantState("AllTraffic", "ml.m5.large", 1, 1, 1, 1)], DateTimeOffset.UnixEpoch)).ToList(),
            TestContext.Current.CancellationToken);

    /// <summary>Makes every audit append fail, to show a change and its audit record commit together or not at all.</summary>
    public static async Task BreakAuditAsync(TempDatabase db)
    {
        await db.ExecuteAsync(
            "CREATE TRIGGER no_audit BEFORE INSERT ON AuditRecords BEGIN SELECT RAISE(ABORT, 'audit refused'); END;",
            """
            CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
            CREATE TRIGGER no_audit BEFORE INSERT ON "AuditRecords" FOR EACH ROW EXECUTE FUNCTION no_audit();
            """);
    }
}
