using System.Globalization;
using Dashboard.Core.Alarms;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Notifications;

/// <summary>Mute windows: the list with whether each is active now, and (with EditAlarms) adding and deleting.</summary>
public sealed partial class MuteWindowsPage
{
    private const string AlarmField = nameof(MuteWindow.AlarmName);
    private const string EndpointField = nameof(MuteWindow.Endpoint);
    private const string DaysField = nameof(MuteWindow.Days);

    private static readonly DayOfWeek[] WeekFromMonday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];

    private IReadOnlyList<MuteWindow> _windows = [];
    private HashSet<string> _alarmNames = new(StringComparer.Ordinal);
    private Dictionary<string, string> _errors = [];
    private (Severity Severity, string Text)? _message;
    private bool _canEdit;
    private bool _busy;

    private string? _alarm;
    private string? _endpoint;
    private string? _reason;
    private bool _weekly;
    private readonly HashSet<DayOfWeek> _days = [];
    private string? _startTime = "02:00";
    private double? _durationMinutes = 120;
    private string? _until;
    private string? _from;
    private string? _to;

    [Inject] private IMuteWindowStore Store { get; set; } = default!;
    [Inject] private IAlarmStore Alarms { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    protected override async Task OnInitializedAsync()
    {
        _canEdit = (await CurrentActor.GetAsync()).Can(Permission.EditAlarms);
        var now = Time.GetUtcNow();
        var minute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        _from = Format(minute);
        _to = Format(minute.AddHours(1));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _windows = await Store.ListAsync();
        _alarmNames = (await Alarms.ListAsync()).Select(a => a.Definition.Name).ToHashSet(StringComparer.Ordinal);
    }

    private void ToggleDay(DayOfWeek day, bool on)
    {
        if (on)
        {
            _days.Add(day);
        }
        else
        {
            _days.Remove(day);
        }
    }

    private async Task AddAsync()
    {
        var errors = new Dictionary<string, string>();
        var window = Build(errors);
        if (window is not null)
        {
            foreach (var error in window.Validate(Now))
            {
                errors.TryAdd(error.Field, error.Message);
            }
        }
        if (!string.IsNullOrWhiteSpace(_alarm) && !_alarmNames.Contains(_alarm.Trim()))
        {
            errors.TryAdd(AlarmField, $"There is no alarm named '{_alarm.Trim()}'.");
        }
        if (errors.Remove(MuteWindow.ScopeField, out var scope))
        {
            // Either field fixes it, so both say so.
            errors.TryAdd(AlarmField, scope);
            errors.TryAdd(EndpointField, scope);
        }
        _errors = errors;
        if (errors.Count > 0 || window is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var stored = await Store.CreateAsync(window, await CurrentActor.GetAsync());
            _message = (Severity.Success, $"Muted {stored.DescribeScope()}: {stored.Describe()}.");
            _alarm = _endpoint = _reason = _until = null;
            _days.Clear();
            await LoadAsync();
        }
        catch (MuteWindowValidationException ex)
        {
            _errors = ex.Errors.GroupBy(e => e.Field == MuteWindow.ScopeField ? AlarmField : e.Field)
                .ToDictionary(g => g.Key, g => g.First().Message);
        }
        catch (AccessDeniedException ex)
        {
            _message = (Severity.Error, ex.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(MuteWindow window)
    {
        _busy = true;
        try
        {
            await Store.DeleteAsync(window.Id, await CurrentActor.GetAsync());
            _message = (Severity.Success, $"Deleted the mute window for {window.DescribeScope()} ({window.Describe()}).");
        }
        catch (Exception ex) when (ex is AccessDeniedException or KeyNotFoundException)
        {
            _message = (Severity.Error, ex.Message);
        }
        finally
        {
            await LoadAsync();
            _busy = false;
        }
    }

    /// <summary>The window the form describes, or null with the fields that could not be read in <paramref name="errors"/>.</summary>
    private MuteWindow? Build(Dictionary<string, string> errors)
    {
        var alarm = string.IsNullOrWhiteSpace(_alarm) ? null : _alarm.Trim();
        var endpoint = string.IsNullOrWhiteSpace(_endpoint) ? null : _endpoint.Trim();
        var reason = _reason?.Trim() ?? "";
        if (_weekly)
        {
            if (_days.Count == 0)
            {
                errors[DaysField] = "Pick at least one day.";
            }
            if (!TimeOnly.TryParseExact(_startTime?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                errors[nameof(MuteWindow.StartMinute)] = "Enter a time of day as HH:mm, e.g. 02:00.";
            }
            long? until = null;
            if (!string.IsNullOrWhiteSpace(_until))
            {
                if (TryParse(_until, out var end))
                {
                    until = end;
                }
                else
                {
                    errors[nameof(MuteWindow.EndsAt)] = "Enter a UTC date and time as yyyy-MM-dd HH:mm, or leave it empty.";
                }
            }
            return errors.Count > 0
                ? null
                // An empty or refused length is 0, which the window's own check refuses at the field (never clamped to 1).
                : new MuteWindow(0, alarm, endpoint, Now, until, _days.ToHashSet(), start.Hour * 60 + start.Minute, (int)(_durationMinutes ?? 0), reason, "");
        }

        if (!TryParse(_from, out var from))
        {
            errors[nameof(MuteWindow.StartsAt)] = "Enter a UTC date and time as yyyy-MM-dd HH:mm.";
        }
        if (!TryParse(_to, out var to))
        {
            errors[nameof(MuteWindow.EndsAt)] = "Enter a UTC date and time as yyyy-MM-dd HH:mm.";
        }
        return errors.Count > 0
            ? null
            : new MuteWindow(0, alarm, endpoint, from, to, new HashSet<DayOfWeek>(), 0, (int)Math.Max(0, (to - from) / 60), reason, "");
    }

    private static bool TryParse(string? text, out long time)
    {
        var ok = DateTimeOffset.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed);
        time = ok ? parsed.ToUnixTimeSeconds() : 0;
        return ok;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);
}
