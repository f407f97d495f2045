using Dashboard.Core.Charts;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Navigation;

/// <summary>Every link the UI builds, in one place, so a URL always reproduces the view it was copied from.</summary>
public static class DashboardUrls
{
    public static string Fleet(string? search = null, string? status = null, string? health = null) =>
        QueryHelpers.AddQueryString("/", Values(("q", search), ("status", status), ("health", health)));

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
            ("pinTo", view.PinTo is { } pt ? TimeRange.Format(pt) : null)));
    }

    public static ComparePeriod ParseCompare(string? value) => value switch
    {
        "day" => ComparePeriod.PreviousDay,
        "week" => ComparePeriod.PreviousWeek,
        _ => ComparePeriod.None,
    };

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value);
}

/// <summary>The endpoint page's view state, all of it in the URL.</summary>
public sealed record EndpointView(TimeRange Range, ComparePeriod Compare, DateTimeOffset? PinFrom, DateTimeOffset? PinTo)
{
    public bool IsPinned => PinFrom is not null && PinTo is not null && PinTo > PinFrom;
}
