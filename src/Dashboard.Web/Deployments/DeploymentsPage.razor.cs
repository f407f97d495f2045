using Dashboard.Core.Deployments;
using Dashboard.Core.Live;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Deployments;

/// <summary>All deployments, filtered by state, updated live as they move.</summary>
public sealed partial class DeploymentsPage : IDisposable
{
    private const int Limit = 200;

    private static readonly IReadOnlyList<(string Key, string Label)> Filters =
        [("all", "All"), ("open", "In progress or waiting"), ("succeeded", "Succeeded"), ("rolledback", "Rolled back or failed")];

    private IReadOnlyList<Deployment>? _items;
    private IDisposable? _subscription;

    [SupplyParameterFromQuery(Name = "state")] private string? State { get; set; }

    [Inject] private DeploymentService Deployments { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string Filter => Filters.Any(f => f.Key == State) ? State! : "all";

    protected override void OnInitialized() =>
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Traffic)
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask, TimeSpan.FromSeconds(1));

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync() => _items = await Deployments.ListAsync(Statuses(Filter), Limit);

    private void SetFilter(string? value) =>
        Navigation.NavigateTo(value is null or "all" ? "/deployments" : $"/deployments?state={value}");

    private static DeploymentStatus[] Statuses(string filter) => filter switch
    {
        "open" => [DeploymentStatus.Proposed, DeploymentStatus.Approved, DeploymentStatus.Deploying, DeploymentStatus.RollingBack],
        "succeeded" => [DeploymentStatus.Succeeded],
        "rolledback" => [DeploymentStatus.RolledBack, DeploymentStatus.RollbackFailed, DeploymentStatus.TimedOut, DeploymentStatus.Failed],
        _ => [],
    };

    public void Dispose() => _subscription?.Dispose();
}
