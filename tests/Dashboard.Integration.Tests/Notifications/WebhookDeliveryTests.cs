using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Dashboard.Web.Hosting;
using Dashboard.Web.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Integration.Tests.Notifications;

/// <summary>
/// Alarm transitions through the notifier, the durable queue in SQLite, the dispatcher and the real named HTTP client
/// to a real local receiver; time is fake so retries need no waiting.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Token = "T000-B000-secret-token-123";
    private static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin });
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));
    /// <summary>Every record at every level, from every category (the HTTP client's included).</summary>
    private readonly FakeLogCollector _logs = new();
    private WebhookReceiver _receiver = default!;
    private ServiceProvider _services = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IWebhookStore Webhooks => _services.GetRequiredService<IWebhookStore>();
    private IAlarmStore Alarms => _services.GetRequiredService<IAlarmStore>();
    private IAlarmNotifier Notifier => _services.GetRequiredService<IAlarmNotifier>();
    private WebhookDispatcher Dispatcher => _services.GetRequiredService<WebhookDispatcher>();

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:DashboardBaseUrl"] = "https://dash.example.com",
            ["Notifications:RequestTimeout"] = "00:00:01",
            // The receiver listens on loopback, which webhooks may reach only when allowed.
            ["Notifications:AllowedDestinations:0"] = "127.0.0.1",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)))
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<LiveStore>();
        services.AddDashboardStorage(Path.Combine(_folder, "dashboard.db"));
        services.AddSingleton<IConfiguration>(configuration).AddDashboardSettings().AddDashboardNotifications();
        _services = services.BuildServiceProvider();
        await _services.InitializeDashboardStorageAsync(Ct);
    }

    [Fact]
    public async Task ServerErrorsTwiceThenOk_OneDeliveryDeliveredOnTheThirdAttempt()
    {
        var hook = await AddWebhookAsync();
        _receiver.Answer(503, 503);

        await Notifier.NotifyAsync(await TransitionsAsync(), Ct);
        await DispatchAsync(times: 3);

        var delivery = Assert.Single(await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct));
        Assert.Equal((DeliveryStatus.Delivered, 3, 200, (string?)null, hook.Id),
            (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError, delivery.WebhookId));
        Assert.Equal(3, _receiver.Received.Count);
        // Every attempt names the one delivery, so a receiver can drop a repeat sent again after a failover.
        Assert.Equal([$"{delivery.Id}", $"{delivery.Id}", $"{delivery.Id}"], _receiver.DeliveryIds);
        var (path, body) = _receiver.Received.First();
        Assert.Equal($"/hooks/{Token}?key=abc", path);
        Assert.Contains("\"alarm\":\"churn-latency\"", body);
        Assert.Contains("\"url\":\"https://dash.example.com/alarms/churn-latency\"", body);
        AssertNoSecretLogged();
    }

    [Fact]
    public async Task NotFound_FailedAfterOneAttempt()
    {
        await AddWebhookAsync();
        _receiver.Answer(404);

        await Notifier.NotifyAsync(await TransitionsAsync(), Ct);
        await DispatchAsync(times: 3);

        var delivery = Assert.Single(await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct));
        Assert.Equal((DeliveryStatus.Failed, 1, 404), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.StartsWith("HTTP 404", delivery.LastError);
        Assert.Single(_receiver.Received);
        AssertNoSecretLogged();
    }

    [Fact]
    public async Task MutedTransition_NothingQueuedOrSent()
    {
        await AddWebhookAsync();

        await Notifier.NotifyAsync(await TransitionsAsync(mutedBy: "Mute window 1 (Sundays 02:00–04:00 UTC)"), Ct);
        await DispatchAsync(times: 2);

        Assert.Empty(await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct));
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeout_RetriedLater()
    {
        await AddWebhookAsync();
        _receiver.Delay = TimeSpan.FromSeconds(5);

        await Notifier.NotifyAsync(await TransitionsAsync(), Ct);
        await Dispatcher.DispatchDueAsync(Ct);

        var delivery = Assert.Single(await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct));
        Assert.Equal((DeliveryStatus.Pending, 1, (int?)null, "no answer within 1 s"),
            (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
        Assert.True(delivery.NextAttemptAt > _time.GetUtcNow().ToUnixTimeSeconds());
        AssertNoSecretLogged();
    }

    [Fact]
    public async Task SendTest_GoesOverHttpAndIsNotQueued()
    {
        var hook = await AddWebhookAsync(WebhookFormat.Slack);

        var attempt = await Dispatcher.SendTestAsync(hook.Id, Admin, Ct);

        Assert.Equal((DeliveryStatus.Delivered, 200), (attempt.Status, attempt.StatusCode));
        Assert.StartsWith("{\"text\":\":red_circle: test-notification is ALARM", Assert.Single(_receiver.Received).Body);
        Assert.Empty(await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct));
        AssertNoSecretLogged();
    }

    private async Task<Webhook> AddWebhookAsync(WebhookFormat format = WebhookFormat.Generic) =>
        await Webhooks.CreateAsync(new Webhook(0, "ops", $"{_receiver.Address}hooks/{Token}?key=abc", format, true), Admin, Ct);

    private async Task<IReadOnlyList<AlarmTransition>> TransitionsAsync(string? mutedBy = null)
    {
        await Alarms.CreateAsync(new AlarmDefinition
        {
            Name = "churn-latency",
            Kind = AlarmKind.Metric,
            Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
                [new("EndpointName", "churn-prod"), new("VariantName", "AllTraffic")], "p90", 60),
            Threshold = 1_000_000,
        }, Admin, Ct);
        var asOf = _time.GetUtcNow().ToUnixTimeSeconds();
        var transitions = await Alarms.ApplyAsync(
            [new AlarmOutcome("churn-latency", new AlarmEvaluation(asOf, AlarmState.Alarm, "Threshold Crossed", [], 1, 1, 1), mutedBy)], Ct);
        Assert.Single(transitions);
        return transitions;
    }

    /// <summary>Runs the dispatcher, each time after the longest retry delay has passed.</summary>
    private async Task DispatchAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await Dispatcher.DispatchDueAsync(Ct);
            _time.Advance(TimeSpan.FromMinutes(31));
        }
    }

    private void AssertNoSecretLogged()
    {
        var lines = _logs.Lines;
        Assert.Contains(lines, l => l.Contains($"{_receiver.Address.Host}:{_receiver.Address.Port}/…", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Token, StringComparison.Ordinal) || l.Contains("/hooks/", StringComparison.Ordinal)
            || l.Contains("key=abc", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
