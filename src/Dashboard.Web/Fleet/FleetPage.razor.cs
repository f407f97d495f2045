using Dashboard.Core.Live;
using Dashboard.Core.Overview;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Fleet;

public partial class FleetPage
{
    private FleetOverview _overview = FleetOverview.Empty;
    private IDisposable? _subscription;

    [Inject] private FleetOverviewService Overviews { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "health")] public string? Health { get; set; }

    private IEnumerable<string> Statuses => _overview.Rows.Select(r => r.Endpoint.Status).Distinct().Order();

    private IReadOnlyList<EndpointRow> VisibleRows => _overview.Rows
        .Where(r => string.IsNullOrWhiteSpace(Search) || r.Endpoint.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
        .Where(r => string.IsNullOrEmpty(Status) || r.Endpoint.Status == Status)
        .Where(r => string.IsNullOrEmpty(Health) || string.Equals(r.Health.Level.ToString(), Health, StringComparison.OrdinalIgnoreCase))
        .ToList();

    private string Subtitle => _overview.Rows.Count == 0
        ? "waiting for the first answer from SageMaker…"
        : $"{_overview.Rows.Count} endpoints · updated {_overview.ComputedAt.UtcDateTime:HH:mm:ss} UTC";

    protected override async Task OnInitializedAsync()
    {
        // Before the first await: a component closed while it loads is disposed then, and a subscription made later never would be.
        _subscription = Live.Subscribe(_ => InvokeAsync(RefreshAsync), TimeSpan.FromSeconds(2));
        _overview = await Overviews.GetAsync(CancellationToken.None);
    }

    private async Task RefreshAsync()
    {
        _overview = await Overviews.GetAsync(CancellationToken.None);
        StateHasChanged();
    }

    private void SetSearch(string? value) => Navigation.NavigateTo(DashboardUrls.Fleet(value, Status, Health), replace: true);

    private void SetStatus(string? value) => Navigation.NavigateTo(DashboardUrls.Fleet(Search, value, Health), replace: true);

    private void SelectHealth(string? value) => Navigation.NavigateTo(DashboardUrls.Fleet(Search, Status, value == Health ? null : value), replace: true);

    public void Dispose() => _subscription?.Dispose();
}
