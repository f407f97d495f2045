using Dashboard.Core.Live;
using Dashboard.Core.Retraining;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Retraining;

/// <summary>
/// One retraining run: the proposal and its parameters, the decision (approve, reject, withdraw — the server checks who
/// may), the execution's steps as the tracker stores them, and the model it created with the way to deploy it.
/// </summary>
public sealed partial class RetrainingPage : IDisposable
{
    private RetrainingRun? _run;
    private Actor _actor = Actor.System;
    private bool _loaded;
    private bool _busy;
    private string? _note;
    private string? _error;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _disposed = new();

    [Parameter] public long Id { get; set; }

    [Inject] private RetrainingService Retraining { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;

    /// <summary>Which buttons the signed-in person gets; the server checks the same rules again.</summary>
    private sealed record ActionSet(bool Decide, bool Withdraw, string? Reason);

    protected override async Task OnInitializedAsync()
    {
        _subscription = Live.Subscribe(change => _run is { } r && change.Has(LiveChangeKind.Traffic) && change.Concerns(r.Endpoint)
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask, TimeSpan.FromSeconds(1));
        _actor = await CurrentActor.GetAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _loaded = true;
    }

    private async Task LoadAsync() => _run = await Retraining.FindAsync(Id, _disposed.Token);

    private ActionSet Actions(RetrainingRun run)
    {
        if (!run.AwaitsDecision)
        {
            return new ActionSet(false, false, null);
        }
        var proposer = string.Equals(run.ProposedBy, _actor.UserName, StringComparison.OrdinalIgnoreCase);
        var decide = _actor.Can(Permission.DecideCutover) && !proposer;
        var withdraw = proposer && _actor.Can(Permission.ProposeTrafficChange);
        var reason = decide || withdraw ? null
            : proposer ? "You proposed this run: another Operator approves or rejects it."
            : "An Operator other than the proposer approves or rejects this run.";
        return new ActionSet(decide, withdraw, reason);
    }

    private static List<BreadcrumbItem> Crumbs(RetrainingRun run) =>
        [new("Fleet", "/"), new(run.Endpoint, DriftUrl(run)), new($"Retraining #{run.Id}", null, disabled: true)];

    private static string DriftUrl(RetrainingRun run) => $"/endpoints/{Uri.EscapeDataString(run.Endpoint)}/drift";

    private Task ApproveAsync() => RunAsync(actor => Retraining.ApproveAsync(actor, Id, _note));

    private Task RejectAsync() => RunAsync(actor => Retraining.RejectAsync(actor, Id, _note));

    private Task WithdrawAsync() => RunAsync(actor => Retraining.WithdrawAsync(actor, Id, _note));

    private async Task RunAsync(Func<Actor, Task<RetrainingRun>> action)
    {
        _error = null;
        _busy = true;
        try
        {
            _run = await action(await CurrentActor.GetAsync());
            _note = null;
        }
        catch (Exception ex) when (ex is AccessDeniedException or RetrainingConflictException)
        {
            _error = ex.Message;
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
