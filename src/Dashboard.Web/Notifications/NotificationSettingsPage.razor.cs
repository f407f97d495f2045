using System.Globalization;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.Outbound;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Notifications;

/// <summary>
/// Webhooks (list, add, enable, delete, send a test) and the delivery log of alarm and deployment notifications. Changing webhooks needs ManageSettings; a
/// URL is added or enabled only when the outbound destination policy allows where it leads now.
/// </summary>
public sealed partial class NotificationSettingsPage : IDisposable
{
    public const int DeliveryLimit = 100;

    private IReadOnlyList<WebhookSummary> _webhooks = [];
    private IReadOnlyList<DeliveryLogEntry> _deliveries = [];
    private Dictionary<string, string> _errors = [];
    private (Severity Severity, string Text)? _message;
    private bool _canManage;
    private bool _busy;
    private long? _confirmDelete;
    private string? _name;
    private string? _url;
    private WebhookFormat _format = WebhookFormat.Generic;
    private IDisposable? _subscription;

    [Inject] private IWebhookStore Store { get; set; } = default!;
    [Inject] private WebhookDispatcher Dispatcher { get; set; } = default!;
    [Inject] private DestinationCheck Destinations { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private IOptions<NotificationOptions> Options { get; set; } = default!;

    private string RetryText
    {
        get
        {
            var o = Options.Value;
            return $"up to {o.MaxAttempts} attempts, the first retry after {Duration(o.FirstRetryDelay)}, doubling up to {Duration(o.MaxRetryDelay)}";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        // New transitions and deployment notices queue deliveries; show them as they come.
        // Before the first await: a component closed while it loads is disposed then, and a subscription made later never would be.
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Alarms | LiveChangeKind.Notices)
            ? InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); })
            : Task.CompletedTask, TimeSpan.FromSeconds(5));
        _canManage = (await CurrentActor.GetAsync()).Can(Permission.ManageSettings);
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        _webhooks = await Store.ListAsync();
        _deliveries = await Store.DeliveriesAsync(new DeliveryFilter { Limit = DeliveryLimit });
    }

    private async Task AddAsync()
    {
        var webhook = new Webhook(0, _name?.Trim() ?? "", _url?.Trim() ?? "", _format, Enabled: true);
        _errors = webhook.Validate(_webhooks.Select(w => w.Name)).ToDictionary(e => e.Field, e => e.Message);
        if (_errors.Count > 0)
        {
            return;
        }
        await RunAsync(async actor =>
        {
            // Resolving a name tells where it leads: only for those who may add webhooks.
            actor.Demand(Permission.ManageSettings);
            var destination = await Destinations.CheckAsync(webhook.Url);
            if (!destination.IsAllowed)
            {
                _errors = new() { [nameof(Webhook.Url)] = destination.Reason ?? "The destination is not allowed." };
                return;
            }
            try
            {
                var stored = await Store.CreateAsync(webhook, actor);
                _name = _url = null;
                _format = WebhookFormat.Generic;
                _message = (Severity.Success, $"Added webhook {stored.Name} ({stored.RedactedUrl}).");
            }
            catch (WebhookValidationException ex)
            {
                _errors = ex.Errors.ToDictionary(e => e.Field, e => e.Message);
            }
        });
    }

    private Task SetEnabledAsync(WebhookSummary webhook, bool enabled) => RunAsync(async actor =>
    {
        actor.Demand(Permission.ManageSettings);
        // The allow-list or what the name resolves to may have changed since the webhook was saved.
        if (enabled && await Store.FindAsync(webhook.Id) is { } stored
            && await Destinations.CheckAsync(stored.Url) is { IsAllowed: false } destination)
        {
            _message = (Severity.Error, $"{webhook.Name} stays disabled: {destination.Reason}");
            return;
        }
        await Store.SetEnabledAsync(webhook.Id, enabled, actor);
        _message = (Severity.Info, enabled ? $"{webhook.Name} is enabled." : $"{webhook.Name} is disabled: it gets nothing until enabled again.");
    });

    private Task DeleteAsync(WebhookSummary webhook) => RunAsync(async actor =>
    {
        _confirmDelete = null;
        await Store.DeleteAsync(webhook.Id, actor);
        _message = (Severity.Success, $"Deleted webhook {webhook.Name} and its delivery log.");
    });

    private Task SendTestAsync(WebhookSummary webhook) => RunAsync(async actor =>
    {
        var attempt = await Dispatcher.SendTestAsync(webhook.Id, actor);
        _message = attempt.Status == DeliveryStatus.Delivered
            ? (Severity.Success, $"Test sent to {webhook.Name}: HTTP {attempt.StatusCode}.")
            : (Severity.Error, $"Test to {webhook.Name} failed: {attempt.Error}.");
    });

    /// <summary>Runs a change as the signed-in person; the store checks the role again and refuses with a message to show.</summary>
    private async Task RunAsync(Func<Actor, Task> change)
    {
        _busy = true;
        try
        {
            await change(await CurrentActor.GetAsync());
            await RefreshAsync();
        }
        catch (Exception ex) when (ex is AccessDeniedException or KeyNotFoundException)
        {
            _message = (Severity.Error, ex.Message);
            await RefreshAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    internal static string FormatText(WebhookFormat format) => format == WebhookFormat.Slack ? "Slack" : "Generic JSON";

    private static string LastDelivery(WebhookSummary webhook) => webhook.LastStatus switch
    {
        null => "none yet",
        DeliveryStatus.Pending when webhook.LastAttemptAt is null => "queued",
        { } status => $"{status} {(webhook.LastAttemptAt is { } at ? When(at) : "")} {Answer(webhook.LastStatusCode, webhook.LastError)}".Trim(),
    };

    internal static string Answer(int? statusCode, string? error) => (statusCode, error) switch
    {
        (null, null) => "—",
        ({ } code, null) => $"HTTP {code}",
        (_, { } text) => text,
    };

    /// <summary>"rolled back", "step reached": what the notice announced, in words.</summary>
    internal static string NoticeText(DeploymentNotice notice) =>
        string.Concat(notice.Kind.ToString().Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : " ") + char.ToLowerInvariant(c) : c.ToString()));

    internal static string When(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static Color StatusColor(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => Color.Success,
        DeliveryStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";

    public void Dispose() => _subscription?.Dispose();
}
