using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Notifications;

public class WebhookDispatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
    private static readonly long Now = Start.ToUnixTimeSeconds();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Judge_2xx_Delivered()
    {
        var attempt = Dispatcher().Judge(new WebhookSendResult(204, null), 1, Now, 0.5);

        Assert.Equal((DeliveryStatus.Delivered, 204, (string?)null), (attempt.Status, attempt.StatusCode, attempt.Error));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(null)]
    public void Judge_ThrottledServerErrorOrNoAnswer_RetriedAfterTheFirstDelay(int? status)
    {
        var attempt = Dispatcher().Judge(new WebhookSendResult(status, "boom"), 1, Now, 0.5);

        Assert.Equal(DeliveryStatus.Pending, attempt.Status);
        Assert.Equal(Now + 30, attempt.NextAttemptAt);
        Assert.Equal("boom", attempt.Error);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(302)]
    public void Judge_OtherAnswers_FailedAtOnce(int status)
    {
        var attempt = Dispatcher().Judge(new WebhookSendResult(status, null), 1, Now, 0.5);

        Assert.Equal((DeliveryStatus.Failed, $"HTTP {status}"), (attempt.Status, attempt.Error));
    }

    [Fact]
    public void Judge_DestinationRefused_FailedAtOnceWithTheReason()
    {
        var refused = WebhookSendResult.RefusedBecause("hooks.example.com resolves to 127.0.0.1, a loopback address (this machine).");

        var attempt = Dispatcher().Judge(refused, 1, Now, 0.5);

        Assert.Equal((DeliveryStatus.Failed, (int?)null, "refused: hooks.example.com resolves to 127.0.0.1, a loopback address (this machine)"),
            (attempt.Status, attempt.StatusCode, attempt.Error));
    }

    [Fact]
    public void Judge_LastAttempt_Failed()
    {
        var attempt = Dispatcher().Judge(new WebhookSendResult(503, null), 6, Now, 0.5);

        Assert.Equal(DeliveryStatus.Failed, attempt.Status);
    }

    [Fact]
    public void Judge_RetryAfterLongerThanTheBackoff_Honoured()
    {
        var attempt = Dispatcher().Judge(new WebhookSendResult(429, null, TimeSpan.FromMinutes(2)), 1, Now, 0.5);

        Assert.Equal(Now + 120, attempt.NextAttemptAt);
    }

    [Fact]
    public void RetryDelay_DoublesFromTheFirstUpToTheCapWithTwentyPercentJitter()
    {
        var options = new NotificationOptions();

        Assert.Equal([30, 60, 120, 240, 480, 960, 1800, 1800], Enumerable.Range(1, 8).Select(a => NotificationDelay(options, a, 0.5)));
        Assert.Equal(24, NotificationDelay(options, 1, 0));
        Assert.Equal(36, NotificationDelay(options, 1, 1));
        Assert.Equal(1800, NotificationDelay(options, 20, 1));
    }

    [Fact]
    public async Task DispatchDueAsync_TwoServerErrorsThenOk_DeliveredOnTheThirdAttempt()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryWebhookStore();
        store.Add("ops", "https://example.com/hook?token=t");
        var sender = new ScriptedSender(new(503, "HTTP 503"), new(503, "HTTP 503"), new(200, null));
        var dispatcher = Dispatcher(store, sender, time);
        await store.EnqueueAsync([Transition()], Ct);

        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));

        var delivery = Assert.Single(store.Deliveries);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([503, 503, 200], delivery.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Contains("\"newState\":\"ALARM\"", sender.Sent[0].Body);
    }

    [Fact]
    public async Task DispatchDueAsync_SlackWebhook_GetsTheSlackBody()
    {
        var store = new InMemoryWebhookStore();
        store.Add("chat", "https://hooks.slack.com/services/x", WebhookFormat.Slack);
        var sender = new ScriptedSender();
        await store.EnqueueAsync([Transition()], Ct);

        await Dispatcher(store, sender, new FakeTimeProvider(Start)).DispatchDueAsync(Ct);

        Assert.StartsWith("{\"text\":\":red_circle: a1 is ALARM", Assert.Single(sender.Sent).Body);
    }

    [Fact]
    public async Task SendTestAsync_SendsASyntheticTransitionOnceWithoutQueueing()
    {
        var store = new InMemoryWebhookStore();
        var hook = store.Add("ops", "https://example.com/hook");
        var sender = new ScriptedSender(new WebhookSendResult(500, "HTTP 500"));
        var admin = new Actor("ada", new HashSet<Role> { Role.Admin });

        var attempt = await Dispatcher(store, sender, new FakeTimeProvider(Start)).SendTestAsync(hook.Id, admin, Ct);

        Assert.Equal((DeliveryStatus.Failed, 500), (attempt.Status, attempt.StatusCode));
        Assert.Contains("\"alarm\":\"test-notification\"", Assert.Single(sender.Sent).Body);
        Assert.Contains("by ada", sender.Sent[0].Body);
        Assert.Empty(store.Deliveries);
    }

    [Fact]
    public async Task SendTestAsync_WithoutManageSettings_RefusedAndNothingSent()
    {
        var store = new InMemoryWebhookStore();
        var hook = store.Add("ops", "https://example.com/hook");
        var sender = new ScriptedSender();
        var engineer = new Actor("erin", new HashSet<Role> { Role.Engineer });

        await Assert.ThrowsAsync<AccessDeniedException>(() => Dispatcher(store, sender, new FakeTimeProvider(Start)).SendTestAsync(hook.Id, engineer, Ct));

        Assert.Empty(sender.Sent);
    }

    [Fact]
    public async Task Notifier_QueuesForUnmutedOnlyAndPublishesAlarms()
    {
        var store = new InMemoryWebhookStore();
        store.Add("one", "https://example.com/1");
        store.Add("two", "https://example.com/2");
        var live = new LiveStore(TimeProvider.System);
        var published = new TaskCompletionSource<LiveChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = live.Subscribe(change =>
        {
            published.TrySetResult(change);
            return Task.CompletedTask;
        }, TimeSpan.Zero);
        var notifier = new AlarmNotifier(store, live, new DeliverySignal(), NullLogger<AlarmNotifier>.Instance);

        await notifier.NotifyAsync([Transition(1), Transition(2) with { MutedBy = "Mute window 3 (Sundays 02:00–04:00 UTC)" }], Ct);

        Assert.Equal(2, store.Deliveries.Count);
        Assert.All(store.Deliveries, d => Assert.Equal(1, d.Transition?.Id));
        var change = await published.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.True(change.Has(LiveChangeKind.Alarms));
        Assert.Equal(["churn-prod"], change.Endpoints);
    }

    [Fact]
    public async Task Notifier_OnlyMuted_QueuesNothing()
    {
        var store = new InMemoryWebhookStore();
        store.Add("one", "https://example.com/1");
        var notifier = new AlarmNotifier(store, new LiveStore(TimeProvider.System), new DeliverySignal(), NullLogger<AlarmNotifier>.Instance);

        await notifier.NotifyAsync([Transition() with { MutedBy = "Mute window 1" }], Ct);

        Assert.Empty(store.Deliveries);
    }

    private static int NotificationDelay(NotificationOptions options, int attempt, double random) =>
        (int)WebhookDispatcher.RetryDelay(options, attempt, random).TotalSeconds;

    private static AlarmTransition Transition(long id = 1) =>
        new(id, "a1", "churn-prod", Now, AlarmState.Ok, AlarmState.Alarm, "Threshold crossed", null, null);

    private static WebhookDispatcher Dispatcher(InMemoryWebhookStore? store = null, ScriptedSender? sender = null, TimeProvider? time = null) =>
        new(store ?? new InMemoryWebhookStore(), sender ?? new ScriptedSender(), new DeliverySignal(), Options.Create(new NotificationOptions()),
            time ?? new FakeTimeProvider(Start), NullLogger<WebhookDispatcher>.Instance);
}
