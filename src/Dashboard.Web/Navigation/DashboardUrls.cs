using System.Globalization;
using Dashboard.Core.Audit;
using Dashboard.Core.Charts;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Navigation;

/// <summary>Every link the UI builds, in one place, so a URL always reproduces the view it was copied from.</summary>
public static class DashboardUrls
{
    private const string SeasonalBaseline = "seasonal";

    public static string Fleet(string? search = null, string? status = null, string? health = null) =>
        QueryHelpers.AddQueryString("/", Values(("q", search), ("status", status), ("health", health)));

    public static string Deployment(long id) => $"/deployments/{id}";

    public static string NewDeployment(string endpoint) => $"/endpoints/{Uri.EscapeDataString(endpoint)}/deploy";

    /// <summary>The rollout form with <paramref name="model"/> chosen for the variant(s) (a retrained model's "Deploy this model").</summary>
    public static string NewDeployment(string endpoint, string model) => QueryHelpers.AddQueryString(NewDeployment(endpoint), "model", model);

    public static string Retraining(long id) => $"/retraining/{id}";

    public static string Endpoint(string name, EndpointView? view = null)
    {
        var path = $"/endpoints/{Uri.EscapeDataString(name)}";
        if (view is null)
        {
            return path;
        }
        return QueryHelpers.AddQueryString(path, Values(
            ("range", view.Range.Key),
            ("from", view.Range.IsRelative ? null : TimeRange.Format(view.Range.From)),
            ("to", view.Range.IsRelative ? null : TimeRange.Format(view.Range.To)),
            ("compare", view.Compare switch { ComparePeriod.PreviousDay => "day", ComparePeriod.PreviousWeek => "week", _ => null }),
            ("pinFrom", view.PinFrom is { } pf ? TimeRange.Format(pf) : null),
            ("pinTo", view.PinTo is { } pt ? TimeRange.Format(pt) : null),
            ("baseline", view.Seasonal ? SeasonalBaseline : null)));
    }

    /// <summary>The Audit page with <paramref name="filter"/> (page 1 is left out of the URL).</summary>
    public static string Audit(AuditFilter? filter = null, int page = 1) =>
        QueryHelpers.AddQueryString("/audit", AuditValues(filter ?? AuditFilter.None, page));

    /// <summary>The CSV export of every record matching <paramref name="filter"/>.</summary>
    public static string AuditCsv(AuditFilter filter) => QueryHelpers.AddQueryString("/audit.csv", AuditValues(filter, page: 1));

    /// <summary>Reads the Audit page's (and the export's) query values; an unreadable time is ignored, not an error.</summary>
    public static AuditFilter ParseAuditFilter(string? who, string? action, string? endpoint, string? text, string? from, string? to) => new(
        Blank(who), Blank(action), Blank(endpoint), Blank(text),
        TimeRange.TryParseTime(from, out var start) ? start : null,
        TimeRange.TryParseTime(to, out var end) ? end : null);

    /// <summary>
    /// The exports' stricter reading of the same time values: a time that does not parse is refused (this message, for
    /// a 400) rather than dropped, so a file never silently holds more than was asked for. Null when both are fine.
    /// </summary>
    public static string? TimeFilterError(string? from, string? to) =>
        Unreadable(from) ? NotATime("from") : Unreadable(to) ? NotATime("to") : null;

    /// <summary>
    /// Reads a page number: digits only, from 1; a number too large for an int is int.MaxValue (the page then shows
    /// its last page). Anything else (a sign, a decimal point, other scripts' digits, empty) is page 1.
    /// </summary>
    public static int ParsePage(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.All(char.IsAsciiDigit))
        {
            return 1;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Max(1, page) : int.MaxValue;
    }

    /// <summary>Reads a yes/no flag such as <c>expired=true</c>: only "true" (any case) is yes; anything unreadable is no.</summary>
    public static bool ParseFlag(string? value) => bool.TryParse(value, out var flag) && flag;

    /// <summary>Reads the endpoint page's baseline value: only "seasonal" means anything (see <see cref="EndpointView.Seasonal"/>).</summary>
    public static bool ParseSeasonal(string? value) => value == SeasonalBaseline;

    public static ComparePeriod ParseCompare(string? value) => value switch
    {
        "day" => ComparePeriod.PreviousDay,
        "week" => ComparePeriod.PreviousWeek,
        _ => ComparePeriod.None,
    };

    private static Dictionary<string, string?> AuditValues(AuditFilter filter, int page) => Values(
        ("who", filter.Actor), ("action", filter.ActionPrefix), ("endpoint", filter.Endpoint), ("q", filter.Text),
        ("from", filter.From is { } from ? TimeRange.Format(from) : null),
        ("to", filter.To is { } to ? TimeRange.Format(to) : null),
        ("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null));

    private static bool Unreadable(string? value) => !string.IsNullOrWhiteSpace(value) && !TimeRange.TryParseTime(value, out _);

    private static string NotATime(string name) =>
        $"The value of {name} is not a date and time. Use ISO 8601 in UTC, for example 2026-11-24T14:00Z.";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value);
}

/// <summary>The endpoint page's view state, all of it in the URL.</summary>
/// <param name="PinFrom">With <paramref name="PinTo"/>, a baseline window someone is exploring; it wins over the team's pin.</param>
/// <param name="Seasonal">
/// Compare with the endpoint's own history even though the team has pinned a baseline (baseline=seasonal). Without it
/// and without a window, the page opens on the team's pin, so the plain link shows everyone the same comparison.
/// </param>
public sealed record EndpointView(TimeRange Range, ComparePeriod Compare, DateTimeOffset? PinFrom, DateTimeOffset? PinTo, bool Seasonal = false)
{
    public bool IsPinned => PinFrom is not null && PinTo is not null && PinTo > PinFrom;
}
