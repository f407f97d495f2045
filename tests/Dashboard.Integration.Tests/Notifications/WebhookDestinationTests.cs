using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Dashboard.Core.Outbound;
using Dashboard.Core.Security;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Dashboard.Web.Hosting;
using Dashboard.Web.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Integration.Tests.Notifications;

/// <summary>
/// The destination policy where it counts, over real HTTP: on the address the webhook client connects to (a name that
/// resolved outside when saved and resolves to loopback when sent is refused), and in what a send reports (the status,
/// never the body). Names resolve through a test resolver the connect step uses, as it would use DNS.
/// </summary>
public sealed class WebhookDestinationTests : IAsyncLifetime
{
    private const string RebindingName = "hooks.rebind.test";
    private static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin });
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));
    private readonly MapResolver _resolver = new();
    private WebhookReceiver _receiver = default!;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IWebhookStore Webhooks => _services!.GetRequiredService<IWebhookStore>();
    private WebhookDispatcher Dispatcher => _services!.GetRequiredService<WebhookDispatcher>();

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    [Fact]
    public async Task Delivery_NameThatNowResolvesToLoopback_RefusedOnConnectFailedOnceNothingReceived()
    {
        await StartAsync();
        _resolver.Map(RebindingName, "52.0.0.3");
        var url = $"http://{RebindingName}:{_receiver.Address.Port}/hooks/token";
        Assert.True((await _services!.GetRequiredService<DestinationCheck>().CheckAsync(url, Ct)).IsAllowed);
        await Webhooks.CreateAsync(new Webhook(0, "ops", url, WebhookFormat.Generic, true), Admin, Ct);
        _resolver.Map(RebindingName, "127.0.0.1");

        await NotifyAsync();
        for (var round = 0; round < 3; round++)
        {
            await Dispatcher.DispatchDueAsync(Ct);
            _time.Advance(TimeSpan.FromMinutes(31));
        }

        var delivery = Assert.Single(await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct));
        Assert.Equal((DeliveryStatus.Failed, 1, (int?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal($"refused: {RebindingName} resolves to 127.0.0.1, a loopback address (this machine); add {RebindingName} or 127.0.0.1 to "
            + "Notifications:AllowedDestinations to allow it", delivery.LastError);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task Delivery_NameResolvingToLoopback_AllowListedAddress_DeliveredToTheResolvedAddress()
    {
        await StartAsync("127.0.0.1");
        _resolver.Map(RebindingName, "127.0.0.1");
        await Webhooks.CreateAsync(new Webhook(0, "ops", $"http://{RebindingName}:{_receiver.Address.Port}/hooks/token", WebhookFormat.Generic, true), Admin, Ct);

        await NotifyAsync();
        await Dispatcher.DispatchDueAsync(Ct);

        var delivery = Assert.Single(await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct));
        Assert.Equal((DeliveryStatus.Delivered, 200), (delivery.Status, delivery.LastStatusCode));
        Assert.Equal("/hooks/token", Assert.Single(_receiver.Received).PathAndQuery);
    }

    [Fact]
    public async Task SendTest_ReceiverAnswersWithABodyAndItsOwnPhrase_OnlyTheStatusIsReported()
    {
        await StartAsync("127.0.0.1");
        _receiver.Answer(500);
        _receiver.ErrorPhrase = "Jenkins Internal";
        _receiver.ErrorBody = "Jenkins ver. 2.401 <html>java.lang.NullPointerException at hudson.model</html>";
        var hook = await Webhooks.CreateAsync(new Webhook(0, "ops", $"{_receiver.Address}hooks/token", WebhookFormat.Generic, true), Admin, Ct);

        var attempt = await Dispatcher.SendTestAsync(hook.Id, Admin, Ct);

        Assert.Equal((DeliveryStatus.Failed, 500, "HTTP 500 Internal Server Error"), (attempt.Status, attempt.StatusCode, attempt.Error));
        Assert.Single(_receiver.Received);
    }

    [Theory]
    [InlineData("http://2852039166/latest/meta-data/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/latest/meta-data/")]
    public async Task SendTest_MetadataServiceWrittenOddly_RefusedWithoutConnecting(string url)
    {
        await StartAsync("127.0.0.1");
        var hook = await Webhooks.CreateAsync(new Webhook(0, "imds", url, WebhookFormat.Generic, true), Admin, Ct);

        var attempt = await Dispatcher.SendTestAsync(hook.Id, Admin, Ct);

        Assert.Equal((DeliveryStatus.Failed, (int?)null), (attempt.Status, attempt.StatusCode));
        Assert.StartsWith("refused: The URL points at ", attempt.Error, StringComparison.Ordinal);
        Assert.Contains("169.254.169.254", attempt.Error, StringComparison.Ordinal);
        Assert.EndsWith("a link-local address (the cloud metadata service); add 169.254.169.254 to Notifications:AllowedDestinations to allow it",
            attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendTest_Localhost_RefusedByName()
    {
        await StartAsync("127.0.0.1");
        var hook = await Webhooks.CreateAsync(
            new Webhook(0, "local", $"http://localhost:{_receiver.Address.Port}/hooks/token", WebhookFormat.Generic, true), Admin, Ct);

        var attempt = await Dispatcher.SendTestAsync(hook.Id, Admin, Ct);

        Assert.Equal("refused: localhost is a name for this machine (loopback); add localhost to Notifications:AllowedDestinations to allow it",
            attempt.Error);
        Assert.Empty(_receiver.Received);
    }

    private async Task StartAsync(params string[] allowed)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < allowed.Length; i++)
        {
            settings[$"Notifications:AllowedDestinations:{i}"] = allowed[i];
        }
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<LiveStore>();
        services.AddDashboardStorage(Path.Combine(_folder, "dashboard.db"));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddDashboardSettings().AddDashboardNotifications();
        services.AddSingleton<IHostResolver>(_resolver);
        _services = services.BuildServiceProvider();
        await _services.InitializeDashboardStorageAsync(Ct);
    }

    private async Task NotifyAsync()
    {
        var alarms = _services!.GetRequiredService<IAlarmStore>();
        await alarms.CreateAsync(new AlarmDefinition
        {
            Name = "churn-latency",
            Kind = AlarmKind.Metric,
            Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
                [new("EndpointName", "churn-prod"), new("VariantName", "AllTraffic")], "p90", 60),
            Threshold = 1_000_000,
        }, Admin, Ct);
        var transitions = await alarms.ApplyAsync(
            [new AlarmOutcome("churn-latency", new AlarmEvaluation(_time.GetUtcNow().ToUnixTimeSeconds(), AlarmState.Alarm, "Threshold Crossed", [], 1, 1, 1), null)], Ct);
        await _services!.GetRequiredService<IAlarmNotifier>().NotifyAsync(transitions, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await _receiver.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
