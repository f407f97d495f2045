using Dashboard.Core.Overview;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Fleet;

public partial class FleetTable
{
    /// <summary>The columns in order; <see cref="Column.Key"/> is null where the column does not sort.</summary>
    private static readonly IReadOnlyList<Column> Columns =
    [
        new("Endpoint", "name", Ascending: true, r => r.Endpoint.Name),
        new("Health", "health", Ascending: false, r => (int)r.Health.Level),
        new("Status", "status", Ascending: true, r => r.Endpoint.Status),
        new("Instances · variants", null, Ascending: true, _ => 0),
        new("Invocations / min", "invocations", Ascending: false, r => r.InvocationsPerMinute ?? -1),
        new("Error rate", "errors", Ascending: false, r => r.ErrorRatePercent ?? -1),
        new("p90 latency", "p90", Ascending: false, r => r.P90LatencyMs ?? -1),
        new("Furthest from baseline", "deviation", Ascending: false, r => Math.Abs(r.TopDeviation?.Z ?? 0)),
        new("Drift · quality", "drift", Ascending: false, r => FleetDriftFormat.SortKey(r.Drift)),
        new("Model Monitor", null, Ascending: true, _ => 0),
    ];

    // Worst health first, then by name: what needs a look is at the top of the first screen.
    private string _sort = "health";
    private bool _ascending;

    [Parameter, EditorRequired] public IReadOnlyList<EndpointRow> Rows { get; set; } = [];

    private IEnumerable<EndpointRow> SortedRows
    {
        get
        {
            var key = Columns.First(c => c.Key == _sort).Value;
            var sorted = _ascending ? Rows.OrderBy(key) : Rows.OrderByDescending(key);
            return sorted.ThenBy(r => r.Endpoint.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>A new column sorts in its natural direction (names A–Z, numbers and health worst first); again reverses it.</summary>
    private void SortBy(string key)
    {
        _ascending = key == _sort ? !_ascending : Columns.First(c => c.Key == key).Ascending;
        _sort = key;
    }

    private string? AriaSort(Column column) =>
        column.Key != _sort ? null : _ascending ? "ascending" : "descending";

    private string Arrow(Column column) => column.Key != _sort ? "" : _ascending ? " ↑" : " ↓";

    private sealed record Column(string Header, string? Key, bool Ascending, Func<EndpointRow, IComparable> Value);
}
