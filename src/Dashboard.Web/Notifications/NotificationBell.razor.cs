using System.Globalization;
using Dashboard.Core.Alarms;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Notifications;

/// <summary>
/// The in-app notification area: a bell whose badge counts transitions to ALARM in the last 24 hours that this browser
/// tab has not seen (muted ones are listed, not counted), deployments that went wrong since, and the changes waiting for
/// this person's approval; and a menu of those changes, the latest deployment notices and the latest 20 transitions.
/// </summary>
public sealed partial class NotificationBell : IDisposable
{
    public const int Listed = 20;

    /// <summary>Deployment notices listed: the latest few, the deployments page has the rest.</summary>
    public const int DeploymentsListed = 8;
    private const string SeenKey = "dashboard.notifications.seenUpTo";

    private IReadOnlyList<AlarmTransition> _latest = [];
    private IReadOnlyList<AlarmTransition> _recentAlarms = [];
    private IReadOnlyList<DeploymentNotice> _deployments = [];
    private long _seenUpTo;
    private IDisposable? _subscription;

    [Inject] private IAlarmStore Alarms { get; set; } = default!;
    [Inject] private IDeploymentNoticeStore Notices { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Approvals.PendingApprovalsFeed Approvals { get; set; } = default!;

    /// <summary>Changes to ALARM this tab has not seen.</summary>
    public int Unseen => _recentAlarms.Count(t => t.MutedBy is null && t.Time > _seenUpTo);

    /// <summary>Deployments that went wrong (rolling back, rolled back, failed, timed out) since this tab last looked.</summary>
    public int UnseenDeployments => _deployments.Count(n => n.IsBad && n.Time.ToUnixTimeSeconds() > _seenUpTo);

    /// <summary>Unseen alarms and failed deployments plus the changes this person may approve: all want their attention.</summary>
    private int BadgeCount => Unseen + UnseenDeployments + Approvals.ForMe;

    private string BadgeLabel
    {
        get
        {
            var parts = new List<string>();
            if (Unseen > 0)
            {
                parts.Add($"{Unseen} new alarms");
            }
            if (UnseenDeployments > 0)
            {
                parts.Add($"{UnseenDeployments} failed deployments");
            }
            if (Approvals.ForMe > 0)
            {
                parts.Add($"{Approvals.ForMe} changes waiting for your approval");
            }
            return parts.Count == 0 ? "Notifications" : $"Notifications: {string.Join(", ", parts)}";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        // Before the first await: a component closed while it loads is disposed then, and a subscription made later never would be.
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Alarms | LiveChangeKind.Notices)
            ? InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); })
            : Task.CompletedTask, TimeSpan.FromSeconds(2));
        Approvals.Changed += OnApprovalsChangedAsync;
        await Approvals.EnsureLoadedAsync();
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        // "Seen" is per browser tab: sessionStorage survives a reload, not a new tab.
        try
        {
            var stored = await JS.InvokeAsync<string?>("sessionStorage.getItem", SeenKey);
            if (long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seen) && seen != _seenUpTo)
            {
                _seenUpTo = seen;
                StateHasChanged();
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private async Task LoadAsync()
    {
        var dayAgo = Time.GetUtcNow().ToUnixTimeSeconds() - 86_400;
        _latest = await Alarms.HistoryAsync(new AlarmHistoryFilter { Limit = Listed });
        _recentAlarms = await Alarms.HistoryAsync(new AlarmHistoryFilter { State = AlarmState.Alarm, From = dayAgo, Limit = 500 });
        _deployments = await Notices.RecentAsync(DeploymentsListed);
    }

    /// <summary>Opening the menu shows everything listed, so all of it counts as seen.</summary>
    private async Task OnOpenChangedAsync(bool open)
    {
        if (!open)
        {
            return;
        }
        var newest = _latest.Select(t => t.Time).Concat(_recentAlarms.Select(t => t.Time)).Concat(_deployments.Select(n => n.Time.ToUnixTimeSeconds()))
            .DefaultIfEmpty(_seenUpTo).Max();
        if (newest <= _seenUpTo)
        {
            return;
        }
        _seenUpTo = newest;
        try
        {
            await JS.InvokeVoidAsync("sessionStorage.setItem", SeenKey, newest.ToString(CultureInfo.InvariantCulture));
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public static string AlarmUrl(string alarmName) => $"/alarms/{Uri.EscapeDataString(alarmName)}";

    private static string When(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string StateColor(AlarmState state) => state switch
    {
        AlarmState.Alarm => "var(--mud-palette-error)",
        AlarmState.Ok => "var(--mud-palette-success)",
        _ => "var(--mud-palette-text-secondary)",
    };

    private Task OnApprovalsChangedAsync() => InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        _subscription?.Dispose();
        Approvals.Changed -= OnApprovalsChangedAsync;
    }
}
