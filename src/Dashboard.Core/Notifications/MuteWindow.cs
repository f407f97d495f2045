using System.Globalization;
using Dashboard.Core.Input;

namespace Dashboard.Core.Notifications;

/// <summary>
/// A time when notifications of one alarm, or of every alarm of one endpoint, are muted; evaluation continues.
/// One-off when <see cref="Days"/> is empty: [StartsAt, EndsAt). Recurring otherwise: on the given UTC weekdays from
/// <see cref="StartMinute"/> past midnight for <see cref="DurationMinutes"/>, from StartsAt until EndsAt (null: no end).
/// Times are Unix seconds.
/// </summary>
public sealed record MuteWindow(
    long Id,
    string? AlarmName,
    string? Endpoint,
    long StartsAt,
    long? EndsAt,
    IReadOnlySet<DayOfWeek> Days,
    int StartMinute,
    int DurationMinutes,
    string Reason,
    string CreatedBy)
{
    public const int MinDurationMinutes = 1;
    public const int MaxDurationMinutes = 7 * 24 * 60;
    public const int MaxReasonLength = 500;

    /// <summary>A weekly window's length: a whole number of minutes from 1 to 7 days.</summary>
    public static readonly NumberRule DurationRule = new(MinDurationMinutes, MaxDurationMinutes, Decimals: 0, Unit: "minutes (7 days)");

    public bool IsRecurring => Days.Count > 0;

    /// <summary>
    /// Whether the window mutes <paramref name="alarmName"/> (on <paramref name="endpoint"/>) at <paramref name="time"/>.
    /// A window scoped to both an alarm and an endpoint needs both to match. A recurring occurrence that runs past
    /// midnight UTC mutes the early hours of the next day: it belongs to the day it starts on.
    /// </summary>
    public bool Applies(string alarmName, string? endpoint, long time) => InScope(alarmName, endpoint) && IsActive(time);

    /// <summary>Whether the window mutes (whatever it is scoped to) at <paramref name="time"/>.</summary>
    public bool IsActive(long time)
    {
        if (time < StartsAt || (EndsAt is { } end && time >= end))
        {
            return false;
        }
        if (!IsRecurring)
        {
            return EndsAt is not null;
        }
        var day = DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.Date;
        // An occurrence lasts at most 7 days, so it started on one of the last 8 days (today included).
        for (var back = 0; back <= MaxDurationMinutes / 1440; back++)
        {
            var start = day.AddDays(-back);
            if (!Days.Contains(start.DayOfWeek))
            {
                continue;
            }
            var from = new DateTimeOffset(start, TimeSpan.Zero).ToUnixTimeSeconds() + StartMinute * 60L;
            if (time >= from && time < from + DurationMinutes * 60L)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>When the window mutes, in words: "Sundays 02:00–04:00 UTC", "22 Nov 14:00 – 22 Nov 16:00 UTC".</summary>
    public string Describe()
    {
        if (!IsRecurring)
        {
            return EndsAt is { } end
                ? $"{Format(StartsAt)} – {Format(end)} UTC"
                : $"from {Format(StartsAt)} UTC";
        }
        var from = TimeSpan.FromMinutes(StartMinute);
        var text = DurationMinutes < 1440
            ? $"{DayNames(Days)} {Clock(from)}–{Clock(from + TimeSpan.FromMinutes(DurationMinutes))} UTC"
                + (StartMinute + DurationMinutes > 1440 ? " (into the next day)" : "")
            : $"{DayNames(Days)} from {Clock(from)} UTC for {Length(DurationMinutes)}";
        return EndsAt is { } until ? $"{text}, until {Format(until)} UTC" : text;
    }

    /// <summary>Who the window applies to, in words: "alarm churn-latency", "endpoint churn-prod", or both.</summary>
    public string DescribeScope() => (AlarmName, Endpoint) switch
    {
        ({ Length: > 0 } alarm, { Length: > 0 } endpoint) => $"alarm {alarm} on endpoint {endpoint}",
        ({ Length: > 0 } alarm, _) => $"alarm {alarm}",
        (_, { Length: > 0 } endpoint) => $"every alarm of endpoint {endpoint}",
        _ => "nothing",
    };

    /// <summary>
    /// Why a transition of <paramref name="alarmName"/> at <paramref name="time"/> is not notified, naming the first
    /// window that mutes it, or null when none does (the evaluation worker stores it as AlarmOutcome.MutedBy).
    /// </summary>
    public static string? MutedBy(IEnumerable<MuteWindow> windows, string alarmName, string? endpoint, long time)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var window = windows.Where(w => w.Applies(alarmName, endpoint, time)).OrderBy(w => w.Id).FirstOrDefault();
        if (window is null)
        {
            return null;
        }
        var reason = string.IsNullOrWhiteSpace(window.Reason) ? "" : $": {window.Reason.Trim()}";
        return $"Mute window {window.Id} ({window.Describe()}){reason}";
    }

    /// <summary>
    /// Everything wrong with the window as a new window at <paramref name="now"/>, each naming its field (a property of
    /// this record, or "Scope" when neither alarm nor endpoint is set); empty when it may be stored.
    /// </summary>
    public IReadOnlyList<MuteWindowError> Validate(long now)
    {
        var errors = new List<MuteWindowError>();
        var alarm = AlarmName?.Trim();
        var endpoint = Endpoint?.Trim();
        if (string.IsNullOrEmpty(alarm) && string.IsNullOrEmpty(endpoint))
        {
            errors.Add(new(ScopeField, "Choose an alarm or an endpoint (or both) to mute."));
        }
        if (alarm is { Length: > 255 })
        {
            errors.Add(new(nameof(AlarmName), "An alarm name has at most 255 characters."));
        }
        if (!string.IsNullOrEmpty(endpoint) && !EndpointNames.IsValid(endpoint))
        {
            errors.Add(new(nameof(Endpoint), "An endpoint name has 1–63 letters, digits and hyphens, starting with a letter or digit."));
        }
        if (IsRecurring)
        {
            if (DurationRule.Check(DurationMinutes) is { } durationError)
            {
                errors.Add(new(nameof(DurationMinutes), durationError));
            }
            else if (LongestGapMinutes() is { } gap && DurationMinutes >= gap)
            {
                errors.Add(new(nameof(DurationMinutes), $"On these days a window of {Length(DurationMinutes)} mutes every minute of the week, "
                    + $"so nothing would ever be notified: make it shorter than {Length(gap)} ({NumberRule.Words(gap)} minutes) or pick fewer days."));
            }
            if (StartMinute is < 0 or >= 1440)
            {
                errors.Add(new(nameof(StartMinute), "The start time must be between 00:00 and 23:59."));
            }
            if (EndsAt is { } until && until <= Math.Max(StartsAt, now))
            {
                errors.Add(new(nameof(EndsAt), "The last day must be in the future and after the first."));
            }
        }
        else if (EndsAt is not { } end)
        {
            errors.Add(new(nameof(EndsAt), "Set when the window ends."));
        }
        else if (end <= StartsAt)
        {
            errors.Add(new(nameof(EndsAt), "The end must be after the start."));
        }
        else if (end - StartsAt is < MinDurationMinutes * 60L or > MaxDurationMinutes * 60L)
        {
            errors.Add(new(nameof(EndsAt), "A window lasts from 1 minute to 7 days."));
        }
        else if (end <= now)
        {
            errors.Add(new(nameof(EndsAt), "This window is already over; the end must be in the future."));
        }
        if (StartsAt < 0)
        {
            errors.Add(new(nameof(StartsAt), "Set when the window starts."));
        }
        if (Reason.Length > MaxReasonLength)
        {
            errors.Add(new(nameof(Reason), $"A reason has at most {MaxReasonLength} characters."));
        }
        return errors;
    }

    /// <summary>
    /// The longest time from one occurrence's start to the next one's, round the week: occurrences all last as long, so
    /// the window mutes the whole week exactly when it lasts at least this long. Null without days.
    /// </summary>
    private int? LongestGapMinutes()
    {
        var starts = Days.Select(d => (int)d).Order().ToList();
        return starts.Count == 0 ? null : starts.Select((day, i) => ((i + 1 < starts.Count ? starts[i + 1] : starts[0] + 7) - day) * 1440).Max();
    }

    /// <summary>The field of the error that neither an alarm nor an endpoint was chosen.</summary>
    public const string ScopeField = "Scope";

    private bool InScope(string alarmName, string? endpoint)
    {
        var hasAlarm = !string.IsNullOrEmpty(AlarmName);
        var hasEndpoint = !string.IsNullOrEmpty(Endpoint);
        return (hasAlarm || hasEndpoint)
            && (!hasAlarm || string.Equals(AlarmName, alarmName, StringComparison.Ordinal))
            && (!hasEndpoint || string.Equals(Endpoint, endpoint, StringComparison.Ordinal));
    }

    private static string Format(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm", CultureInfo.InvariantCulture);

    private static string Clock(TimeSpan sinceMidnight) =>
        $"{(int)sinceMidnight.TotalHours % 24:00}:{sinceMidnight.Minutes:00}";

    private static string Length(int minutes)
    {
        var span = TimeSpan.FromMinutes(minutes);
        var parts = new List<string>();
        if (span.Days > 0) parts.Add(span.Days == 1 ? "1 day" : $"{span.Days} days");
        if (span.Hours > 0) parts.Add($"{span.Hours} h");
        if (span.Minutes > 0) parts.Add($"{span.Minutes} min");
        return string.Join(" ", parts);
    }

    private static readonly DayOfWeek[] WeekFromMonday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static string DayNames(IReadOnlySet<DayOfWeek> days)
    {
        if (days.Count == 7)
        {
            return "Every day";
        }
        if (days.Count == 5 && !days.Contains(DayOfWeek.Saturday) && !days.Contains(DayOfWeek.Sunday))
        {
            return "Weekdays";
        }
        if (days.Count == 2 && days.Contains(DayOfWeek.Saturday) && days.Contains(DayOfWeek.Sunday))
        {
            return "Weekends";
        }
        return string.Join(", ", WeekFromMonday.Where(days.Contains).Select(d => $"{d}s"));
    }

    // Records print every member; the default is fine here (no secrets), but Days prints as a type name.
    public override string ToString() => $"MuteWindow {Id}: {DescribeScope()}, {Describe()}";
}

/// <summary>One thing wrong with a mute window: the field it belongs to (a <see cref="MuteWindow"/> property name) and what to do.</summary>
public sealed record MuteWindowError(string Field, string Message);

/// <summary>Thrown by a store when a window does not validate; nothing was stored.</summary>
public sealed class MuteWindowValidationException(IReadOnlyList<MuteWindowError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<MuteWindowError> Errors { get; } = errors;
}

/// <summary>SageMaker's endpoint name rule: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}.</summary>
internal static class EndpointNames
{
    public static bool IsValid(string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");
}
