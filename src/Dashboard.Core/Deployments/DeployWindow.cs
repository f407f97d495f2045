using System.Globalization;
using Dashboard.Core.Alarms.Editing;

namespace Dashboard.Core.Deployments;

/// <summary>
/// A weekly window in which deployments may start and a gated canary's steps may advance, for one endpoint or for every
/// endpoint with a tag ("team=risk"): "Mon–Thu 09:00–16:00 Europe/Berlin". Outside every window that applies, an approved
/// deployment waits and says until when.
/// </summary>
public sealed record DeployWindow(long Id, string Scope, IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, string TimeZone,
    string SetBy, DateTimeOffset SetAt)
{
    public const string TagPrefix = "tag:";
    public const string ScopeField = "Scope";
    public const string DaysField = "Days";
    public const string TimesField = "Times";
    public const string TimeZoneField = "TimeZone";

    /// <summary>The tag "key=value" this window covers, or null for a window of one endpoint.</summary>
    public string? Tag => Scope.StartsWith(TagPrefix, StringComparison.Ordinal) ? Scope[TagPrefix.Length..] : null;

    public bool AppliesTo(string endpoint, IReadOnlyList<KeyValuePair<string, string>> tags) =>
        Tag is { } tag ? tags.Any(t => $"{t.Key}={t.Value}" == tag) : Scope == endpoint;

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone());
        var time = TimeOnly.FromDateTime(local.DateTime);
        return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
    }

    /// <summary>When the window next opens after <paramref name="now"/> (now, if open).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        if (IsOpen(now))
        {
            return now;
        }
        var zone = Zone();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = 0; day <= 7; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            var opening = date.ToDateTime(Start);
            if (Days.Contains(date.DayOfWeek) && opening > local.DateTime)
            {
                return new DateTimeOffset(opening, zone.GetUtcOffset(opening));
            }
        }
        return now.AddDays(7);
    }

    /// <summary>"Mon–Thu 09:00–16:00 Europe/Berlin".</summary>
    public string Describe() => $"{DayText(Days)} {Start:HH\\:mm}–{End:HH\\:mm} {TimeZone}";

    public static string DayText(IReadOnlyList<DayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var order = days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();
        string Name(DayOfWeek d) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d);
        var consecutive = order.Count > 2 && order.Zip(order.Skip(1)).All(p => ((int)p.Second + 6) % 7 == ((int)p.First + 6) % 7 + 1);
        return consecutive ? $"{Name(order[0])}–{Name(order[^1])}" : string.Join(", ", order.Select(Name));
    }

    /// <summary>Field errors of the window as it would be stored.</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Scope) || Scope.Length > 200 || (Tag is { } tag && !tag.Contains('=', StringComparison.Ordinal)))
        {
            errors.Add(new FieldError(ScopeField, "Name an endpoint, or a tag as key=value."));
        }
        if (Days.Count == 0)
        {
            errors.Add(new FieldError(DaysField, "Choose at least one day."));
        }
        if (End <= Start)
        {
            errors.Add(new FieldError(TimesField, "The window must end after it starts (within one day)."));
        }
        if (!TryZone(TimeZone, out _))
        {
            errors.Add(new FieldError(TimeZoneField, $"'{TimeZone}' is not a time zone; use an IANA name such as Europe/Berlin or UTC."));
        }
        return errors;
    }

    private TimeZoneInfo Zone() => TryZone(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static bool TryZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }
}

/// <summary>Where deploy windows are kept; each change is stored with its audit record.</summary>
public interface IDeployWindowStore
{
    Task<IReadOnlyList<DeployWindow>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds (Id 0) or replaces a window.</summary>
    Task<DeployWindow> SaveAsync(DeployWindow window, Security.Actor actor, CancellationToken cancellationToken = default);

    Task DeleteAsync(long id, Security.Actor actor, CancellationToken cancellationToken = default);
}
