using Dashboard.Core.Deployments;
using Dashboard.Core.Live;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Deployments;

/// <summary>The endpoint page's view of its deployments, updated live.</summary>
public sealed partial class EndpointDeploymentsCard : IDisposable
{
    private const int RecentCount = 3;

    private IReadOnlyList<Deployment> _recent = [];
    private Actor _actor = Actor.System;
    private IDisposable? _subscription;

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";

    [Inject] private IDeploymentStore Deployments { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;

    private bool CanPropose => _actor.Can(Permission.ProposeTrafficChange);

    protected override async Task OnInitializedAsync()
    {
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Traffic) && change.Concerns(Endpoint)
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask, TimeSpan.FromSeconds(1));
        _actor = await CurrentActor.GetAsync();
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync() => _recent = await Deployments.ListAsync(Endpoint, RecentCount);

    public void Dispose() => _subscription?.Dispose();
}
