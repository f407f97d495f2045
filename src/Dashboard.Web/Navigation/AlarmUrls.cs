using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Navigation;

/// <summary>Links to the alarm pages (the filters live in the URL, so a copied link shows the same list).</summary>
public static class AlarmUrls
{
    public static string List(string? state = null, string? endpoint = null, string? kind = null, string? search = null) =>
        QueryHelpers.AddQueryString("/alarms", Values(("state", state), ("endpoint", endpoint), ("kind", kind), ("q", search)));

    public static string Detail(string name) => $"/alarms/{Uri.EscapeDataString(name)}";

    public static string History(string? alarm = null, string? endpoint = null, string? state = null, string? search = null) =>
        QueryHelpers.AddQueryString("/alarms/history", Values(("alarm", alarm), ("endpoint", endpoint), ("state", state), ("q", search)));

    public static string HistoryCsv(string? alarm = null, string? endpoint = null, string? state = null, string? search = null) =>
        QueryHelpers.AddQueryString("/alarms/history.csv", Values(("alarm", alarm), ("endpoint", endpoint), ("state", state), ("q", search)));

    public static string New(string? endpoint = null) => QueryHelpers.AddQueryString("/alarms/new", Values(("endpoint", endpoint)));

    /// <summary>
    /// The new-alarm form prefilled with one stored series, e.g. from a chart of the endpoint page:
    /// <c>NewFor("churn-prod", "ModelLatency", "p90", "AllTraffic")</c>. The editor checks every value and says which it ignored.
    /// </summary>
    public static string NewFor(string endpoint, string metric, string? statistic = null, string? variant = null) =>
        QueryHelpers.AddQueryString("/alarms/new", Values(("endpoint", endpoint), ("variant", variant), ("metric", metric), ("statistic", statistic)));

    public static string Edit(string name) => $"/alarms/{Uri.EscapeDataString(name)}/edit";

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value);
}
