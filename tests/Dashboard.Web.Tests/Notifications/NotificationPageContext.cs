using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>
/// The notification pages over the real stores on a temp SQLite database (so validation, roles and audit are the
/// app's own), a fake clock and a webhook sender that records instead of posting.
/// </summary>
public abstract class NotificationPageContext : DashboardTestContext, IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
    protected static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin });
    protected static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer });
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests");

    private readonly string _database;

    protected NotificationPageContext()
        : this(Path.Combine(Folder, Guid.NewGuid().ToString("N"), "dashboard.db"))
    {
    }

    private NotificationPageContext(string database)
        : base(services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
            services.AddSingleton<LiveStore>();
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddDashboardStorage(database);
            services.AddSingleton(Options.Create(new NotificationOptions()));
            services.AddSingleton<RecordingSender>();
            services.AddSingleton<IWebhookSender>(provider => provider.GetRequiredService<RecordingSender>());
            services.AddSingleton<DeliverySignal>();
            services.AddSingleton<WebhookDispatcher>();
        }) => _database = database;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected IWebhookStore Webhooks => Services.GetRequiredService<IWebhookStore>();
    protected IMuteWindowStore Mutes => Services.GetRequiredService<IMuteWindowStore>();
    protected IAlarmStore Alarms => Services.GetRequiredService<IAlarmStore>();
    protected FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public async ValueTask InitializeAsync() => await Services.InitializeDashboardStorageAsync(Ct);

    protected async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }

    protected async Task CreateAlarmAsync(string name, string endpoint = "churn-prod") =>
        await Alarms.CreateAsync(new AlarmDefinition
        {
            Name = name,
            Kind = AlarmKind.Metric,
            Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
                [new("EndpointName", endpoint), new("VariantName", "AllTraffic")], "p90", 60),
            Threshold = 1_000_000,
        }, Engineer, Ct);

    protected async Task<AlarmTransition> TransitionAsync(string alarm, AlarmState state, long asOf, string? mutedBy = null) =>
        Assert.Single(await Alarms.ApplyAsync([new AlarmOutcome(alarm, new AlarmEvaluation(asOf, state, $"{state} now", [], 1, 1, 1), mutedBy)], Ct));

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(_database)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal sealed class RecordingSender : IWebhookSender
    {
        public List<string> Bodies { get; } = [];

        public Task<WebhookSendResult> SendAsync(Webhook webhook, string jsonBody, CancellationToken cancellationToken = default)
        {
            Bodies.Add(jsonBody);
            return Task.FromResult(new WebhookSendResult(200, null));
        }
    }
}
