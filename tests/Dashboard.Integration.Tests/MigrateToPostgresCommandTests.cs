using System.Text;
using Dashboard.Core.Alarms;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;
using Dashboard.Storage;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Integration.Tests;

/// <summary>
/// <c>Dashboard.Web migrate-to-postgres</c>, run as the built app: a SQLite database filled by the real stores moves into
/// an empty PostgreSQL database whole, and a target that holds data, cannot be reached or fails mid-copy is left as it was.
/// </summary>
public sealed class MigrateToPostgresCommandTests : IAsyncLifetime
{
    private static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer }, "10.0.0.7");
    private static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin }, "10.0.0.8");
    private static readonly long Day0 = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly SeriesKey[] Keys =
    [
        .. new[] { ("Invocations", "Sum"), ("ModelLatency", "p90"), ("Invocation5XXErrors", "Sum") }.Select(m =>
            SeriesKey.Create(SageMakerMetrics.InvocationNamespace, m.Item1, [new("EndpointName", "churn-prod"), new("VariantName", "AllTraffic")], m.Item2, 60)),
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-move-" + Guid.NewGuid().ToString("N"));
    private string _target = "";

    private string Source => Path.Combine(_folder, "dashboard.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _target = await PostgresServer.CreateDatabaseAsync(Ct);

    [Fact]
    public async Task Move_FilledDatabase_EveryTableAndTheHistoryAndTheChainAndTheUsersArrive()
    {
        await SeedAsync(days: 4);

        var run = await MoveAsync(_target);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Matches("Moved [0-9]+ rows in [0-9]+ tables from .* to PostgreSQL database 'test_[0-9a-f]+' on 127.0.0.1:[0-9]+ as 'postgres'; " +
            "every table's row count matches and the audit chain verifies [(]Chain intact: [0-9]+ records; head ", run.StandardOutput);
        var source = await CountsAsync(sqlite: true);
        Assert.Equal(source, await CountsAsync(sqlite: false));
        foreach (var table in new[] { "SeriesChunks", "Alarms", "AlarmTransitions", "AuditRecords", "AspNetUsers", "Deployments", "DriftPredictions", "Webhooks", "Deliveries" })
        {
            Assert.True(source[table] > 0, $"the seed left {table} empty");
        }

        await using var from = Storage(new StorageOptions { DatabasePath = Source, ReadOnly = true });
        await using var to = Storage(PostgresStorage());
        var window = (Day0, Day0 + 4 * 86_400);
        var expected = await from.GetRequiredService<IMetricQueries>().ReadAsync(Keys, window.Day0, window.Item2, Ct);
        var moved = await to.GetRequiredService<IMetricQueries>().ReadAsync(Keys, window.Day0, window.Item2, Ct);
        foreach (var key in Keys)
        {
            Assert.Equal(4 * 1440, expected[key].Count);
            Assert.Equal(expected[key], moved[key]);
        }
        Assert.True((await to.GetRequiredService<IAuditQueries>().VerifyAsync(cancellationToken: Ct)).IsIntact);
        await using (var scope = to.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var admin = await users.FindByNameAsync("admin");
            Assert.NotNull(admin);
            Assert.True(await users.CheckPasswordAsync(admin, "Admin-demo-1"));
            Assert.True(await users.IsInRoleAsync(admin, nameof(Role.Admin)));
        }

        // Identities carry on after the copied keys: a new webhook takes the next id, and the chain goes on from its head.
        var webhook = await to.GetRequiredService<IWebhookStore>().CreateAsync(new Webhook(0, "after-the-move", "https://example.com/after", WebhookFormat.Generic, true), Admin, Ct);
        Assert.Equal(source["Webhooks"] + 1, webhook.Id);
        var verify = await DashboardProcess.RunToExitAsync(["verify-audit"], PostgresEnvironment(), Ct);
        Assert.True(verify.ExitCode == 0, $"exit code {verify.ExitCode}\n{verify.StandardError}\n{verify.StandardOutput}");
        Assert.StartsWith($"Chain intact: {source["AuditRecords"] + 1} records;", verify.StandardOutput.Trim());
    }

    [Fact]
    public async Task Move_TargetAlreadyHoldsData_RefusedWithExit3AndTargetUnchanged()
    {
        await SeedAsync(days: 1);
        await using (var target = Storage(PostgresStorage()))
        {
            await target.InitializeDashboardStorageAsync(Ct);
            await target.GetRequiredService<IAuditLog>().AppendAsync(Admin, new AuditEvent(AuditActions.AlarmUpdate, "x", null, null, null), Ct);
        }
        var before = await CountsAsync(sqlite: false);

        var run = await MoveAsync(_target);

        Assert.True(run.ExitCode == 3, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Matches("^PostgreSQL database 'test_[0-9a-f]+' on 127.0.0.1:[0-9]+ as 'postgres' already holds data [(]table AuditRecords has rows[)]; " +
            "move only into an empty database. Nothing was written.$", run.StandardError.Trim());
        Assert.Equal(before, await CountsAsync(sqlite: false));
        Assert.Equal(1, before["AuditRecords"]);
    }

    [Fact]
    public async Task Move_UnreachableTarget_Exit1NamingTheServerNeverThePassword()
    {
        await SeedAsync(days: 1);

        var run = await MoveAsync("Host=127.0.0.1;Port=1;Database=dashboard;Username=dashboard;Password=hunter2-secret");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.StartsWith("Cannot use the dashboard database 'PostgreSQL database 'dashboard' on 127.0.0.1:1 as 'dashboard'': cannot reach the server",
            run.StandardError.Trim());
        Assert.DoesNotContain("hunter2", run.StandardError + run.StandardOutput);
    }

    [Fact]
    public async Task Move_InsertFailsMidCopy_Exit1AndTheTargetIsLeftEmpty()
    {
        await SeedAsync(days: 2);
        await using (var target = Storage(PostgresStorage()))
        {
            await target.InitializeDashboardStorageAsync(Ct);
        }
        await ExecuteOnTargetAsync("""
            CREATE FUNCTION refuse_chunks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'chunks refused'; END $$;
            CREATE TRIGGER refuse_chunks BEFORE INSERT ON "SeriesChunks" FOR EACH ROW EXECUTE FUNCTION refuse_chunks();
            """);

        var run = await MoveAsync(_target);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Equal("Copying table SeriesChunks failed (P0001: chunks refused); nothing was kept in the target.", run.StandardError.Trim());
        Assert.All(await CountsAsync(sqlite: false), table => Assert.True(table.Value == 0, $"{table.Key} has {table.Value} rows"));
    }

    [Fact]
    public async Task Move_SourceOnAnOlderSchema_Exit1SayingToStartTheDashboardOnItFirst()
    {
        await SeedAsync(days: 1);
        await using (var connection = new SqliteConnection($"Data Source={Source};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT max(MigrationId) FROM __EFMigrationsHistory)";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var run = await MoveAsync(_target);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Matches("^.*dashboard[.]db is on an older schema [(]migration [0-9]+_[A-Za-z]+ is not applied[)]; start this version of the dashboard on it once",
            run.StandardError.Trim());
        Assert.Equal(0, await ScalarOnTargetAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task Move_NoArguments_Exit2WithTheUsage()
    {
        var run = await DashboardProcess.RunToExitAsync(["migrate-to-postgres", "--from", Source], new Dictionary<string, string>(), Ct);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Usage: migrate-to-postgres --from <SQLite file> --to", run.StandardError.Trim());
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        await PostgresServer.DropDatabaseAsync(_target);
    }

    private Task<AppRun> MoveAsync(string target) =>
        DashboardProcess.RunToExitAsync(["migrate-to-postgres", "--from", Source, "--to", target], new Dictionary<string, string>(), Ct);

    private StorageOptions PostgresStorage() => new() { Provider = DatabaseProvider.Postgres, ConnectionString = _target };

    private Dictionary<string, string> PostgresEnvironment() => new()
    {
        ["Dashboard__Database__Provider"] = "Postgres",
        ["Dashboard__Database__ConnectionString"] = _target,
    };

    private static ServiceProvider Storage(StorageOptions options) => new ServiceCollection()
        .AddLogging()
        .AddDashboardStorage(options)
        .AddDashboardAccounts(new AuthOptions())
        .BuildServiceProvider();

    /// <summary>Every kind of row the dashboard writes, through its own stores: minute metrics over several days, alarms
    /// and their transitions, webhooks and deliveries, a deployment, drift summaries and kept predictions, the demo
    /// accounts, and the audit records all of that appends.</summary>
    private async Task SeedAsync(int days)
    {
        await using var services = Storage(new StorageOptions { DatabasePath = Source });
        await services.InitializeDashboardStorageAsync(Ct);
        await services.GetRequiredService<AccountSeeder>().SeedAsync(simulated: true, Ct);

        var writer = services.GetRequiredService<IMetricWriter>();
        for (var day = 0; day < days; day++)
        {
            await writer.WriteAsync([.. Keys.Select((key, k) => new SeriesPoints(key,
                [.. Enumerable.Range(0, 1440).Select(m => new MetricPoint(Day0 + day * 86_400 + m * 60, k * 1000 + Math.Round(Math.Sin(m / 50.0) * 100, 3)))]))], Ct);
        }

        var alarms = services.GetRequiredService<IAlarmStore>();
        await alarms.CreateAsync(new AlarmDefinition { Name = "churn-latency", Kind = AlarmKind.Metric, Metric = Keys[1], Threshold = 1_000_000 }, Engineer, Ct);
        var webhooks = services.GetRequiredService<IWebhookStore>();
        await webhooks.CreateAsync(new Webhook(0, "ops", "https://hooks.example.com/ops", WebhookFormat.Generic, true), Admin, Ct);
        for (var i = 1; i <= 3; i++)
        {
            var state = i % 2 == 1 ? AlarmState.Alarm : AlarmState.Ok;
            var transitions = await alarms.ApplyAsync([new AlarmOutcome("churn-latency", new AlarmEvaluation(Day0 + i * 600, state, $"{state}", [], 1, 1, 1))], Ct);
            await webhooks.EnqueueAsync(transitions, Ct);
        }

        var plan = new DeploymentPlan("churn-prod", DeploymentStrategy.Canary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")], [])
        {
            Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 30),
            WaitSeconds = 600,
            BakeSeconds = 600,
        };
        await services.GetRequiredService<IDeploymentStore>().AddAsync(
            new Deployment(0, plan, "better recall", DeploymentStatus.Proposed, "erin", DateTimeOffset.FromUnixTimeSeconds(Day0), DeploymentTimeline.Steps(plan, 2)),
            AuditActions.DeploymentPropose, Engineer, Ct);

        var hour = DateTimeOffset.FromUnixTimeSeconds(Day0 + 3600);
        var time = hour.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var capture = string.Join('\n', Enumerable.Range(0, 20).Select(i => $$$"""
            {"captureData":{"endpointInput":{"data":"{{{i}}},web","encoding":"CSV"},"endpointOutput":{"data":"0.{{{i}}}","encoding":"CSV"}},"eventMetadata":{"eventId":"e{{{i}}}","inferenceTime":"{{{time}}}"}}
            """));
        await services.GetRequiredService<IDriftStore>().SaveCaptureFileAsync("churn-prod", "AllTraffic", "capture/a.jsonl", Day0 + 3600,
            CaptureFileReader.Read(Encoding.UTF8.GetBytes(capture), hour), keepPredictions: true, Ct);

        var audit = services.GetRequiredService<IAuditLog>();
        for (var i = 1; i <= 5; i++)
        {
            await audit.AppendAsync(Admin, new AuditEvent(AuditActions.AlarmUpdate, "churn-latency", "churn-prod", $$"""{"n":{{i}}}""", $$"""{"n":{{i + 1}}}"""), Ct);
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Rows per table of the dashboard's model, on the SQLite source or the PostgreSQL target.</summary>
    private async Task<SortedDictionary<string, long>> CountsAsync(bool sqlite)
    {
        await using var services = Storage(sqlite ? new StorageOptions { DatabasePath = Source, ReadOnly = true } : PostgresStorage());
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table.Name}\"";
            counts[table.Name] = Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        await connection.CloseAsync();
        SqliteConnection.ClearAllPools();
        return counts;
    }

    private async Task<long> ScalarOnTargetAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_target);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task ExecuteOnTargetAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_target);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
