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
    string CreatedBy);
