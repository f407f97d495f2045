using Dashboard.Core.Drift;
using Dashboard.Core.Live;
using Dashboard.Core.Retraining;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Retraining;

/// <summary>The drift tab's retraining card: reads stored runs only (never AWS) and follows them live.</summary>
public sealed partial class RetrainingCard : IDisposable
{
    private const int Shown = 5;

    private IReadOnlyList<RetrainingRun> _runs = [];
    private RetrainingRun? _open;
    private Actor _actor = Actor.System;
    private bool _proposing;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _disposed = new();

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";

    /// <summary>What the drift tab shows, for the pipeline's name and a first line of the finding.</summary>
    [Parameter] public DriftOverview? Overview { get; set; }

    [Inject] private RetrainingService Retraining { get; set; } = default!;
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

    private async Task LoadAsync()
    {
        _runs = await Retraining.RecentAsync(Endpoint, Shown, _disposed.Token);
        _open = _runs.FirstOrDefault(r => r.IsOpen);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
