using System.Globalization;
using Dashboard.Core.Audit;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Audit;

/// <summary>An endpoint's newest audit records, with a link to all of them on the Audit page.</summary>
public partial class RecentChanges
{
    private IReadOnlyList<AuditRecord>? _records;
    private string? _loadedFor;

    [Inject] private IAuditQueries Audit { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired] public string EndpointName { get; set; } = "";

    /// <summary>How far back to look.</summary>
    [Parameter] public int Days { get; set; } = 30;

    [Parameter] public int Limit { get; set; } = 10;

    private string AllChangesUrl => DashboardUrls.Audit(new AuditFilter(Endpoint: EndpointName));

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == EndpointName)
        {
            return;
        }
        _loadedFor = EndpointName;
        _records = null;
        _records = await Audit.ForEndpointAsync(EndpointName, Time.GetUtcNow().AddDays(-Days), Limit);
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
