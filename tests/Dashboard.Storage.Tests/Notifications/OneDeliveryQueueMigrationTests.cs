using Dashboard.Core.Notifications;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Notifications;

/// <summary>A database from before the one delivery queue keeps every delivery, with its attempts and outcome.</summary>
public sealed class OneDeliveryQueueMigrationTests : IDisposable
{
    private const string BeforeOneQueue = "20261207131509_DeployWindows";

    private readonly string _folder = TempDatabase.NewFolder();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_NoticeDeliveriesOfTheOldTable_JoinTheDeliveryLogWithTheirOutcome()
    {
        var path = Path.Combine(_folder, "dashboard.db");
        Directory.CreateDirectory(_folder);
        await using (var services = new ServiceCollection().AddDashboardStorage(path).BuildServiceProvider())
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
            await db.Database.MigrateAsync(BeforeOneQueue, Ct);
        }
        await ExecuteAsync(path, """
            INSERT INTO Webhooks (Id, Name, Url, Format, Enabled, CreatedBy, CreatedAt) VALUES (1, 'ops', 'https://hooks.example.com/x', 'Generic', 1, 'ada', 100);
            INSERT INTO AlarmTransitions (Id, AlarmName, Endpoint, Time, OldState, NewState, Reason) VALUES (5, 'churn-5xx', 'churn-prod', 200, 'Ok', 'Alarm', 'up');
            INSERT INTO Deliveries (WebhookId, TransitionId, Status, Attempts, CreatedAt, NextAttemptAt, LastAttemptAt, LastStatusCode)
                VALUES (1, 5, 'Delivered', 1, 200, 200, 201, 200);
            INSERT INTO DeploymentNotices (Id, DeploymentId, Endpoint, Key, Kind, Time, Headline, Detail)
                VALUES (9, 3, 'churn-prod', 'final', 'RolledBack', 300, 'Deployment #3 on churn-prod rolled back', NULL);
            INSERT INTO DeploymentNoticeDeliveries (WebhookId, NoticeId, Status, Attempts, CreatedAt, NextAttemptAt, LastAttemptAt, LastStatusCode, LastError)
                VALUES (1, 9, 'Pending', 2, 300, 900, 360, 503, 'HTTP 503');
            """);

        await using var reopened = await TempDatabase.OpenAsync(_folder, deleteOnDispose: false);
        var log = await reopened.Services.GetRequiredService<IWebhookStore>().DeliveriesAsync(new DeliveryFilter(), Ct);

        Assert.Equal(2, log.Count);
        var notice = log[0];
        Assert.Equal((DeliveryKind.Deployment, "Deployment #3 on churn-prod rolled back", DeliveryStatus.Pending, 2, 503, "HTTP 503", 900L),
            (notice.Kind, notice.Notice?.Headline, notice.Status, notice.Attempts, notice.LastStatusCode, notice.LastError, notice.NextAttemptAt));
        var alarm = log[1];
        Assert.Equal((DeliveryKind.Alarm, "churn-5xx", DeliveryStatus.Delivered, 200), (alarm.Kind, alarm.Transition?.AlarmName, alarm.Status, alarm.LastStatusCode));
        Assert.Equal(0, await reopened.ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'DeploymentNoticeDeliveries'"));
    }

    public void Dispose() => TempDatabase.DeleteFolder(_folder);

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
