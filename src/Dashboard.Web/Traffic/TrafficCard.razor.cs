using System.Globalization;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Traffic;

/// <summary>
/// An endpoint's variant weights and the traffic changes proposed for it (four eyes): propose for those who may, approve or
/// reject for operators other than the proposer, withdraw for the proposer, and the latest decisions. The server checks
/// every action again; the buttons only save people a refusal.
/// </summary>
public sealed partial class TrafficCard : IDisposable
{
    private const int RecentCount = 5;

    private Actor _actor = Actor.System;
    private IReadOnlyList<TrafficChange> _changes = [];
    private IDisposable? _subscription;
    private ProposalForm? _form;
    private string? _note;
    private string? _error;
    private bool _busy;

    [Parameter, EditorRequired] public EndpointState Endpoint { get; set; } = default!;

    [Inject] private TrafficService Traffic { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;

    private TrafficChange? Open => _changes.FirstOrDefault(c => c.AwaitsDecision);

    private TrafficChange? Applying => _changes.FirstOrDefault(c => c.Status == TrafficChangeStatus.Applying);

    private IEnumerable<TrafficChange> Decided => _changes.Where(c => !c.IsOpen).Take(RecentCount);

    private bool CanPropose => _actor.Can(Permission.ProposeTrafficChange);

    private bool CanDecide => _actor.Can(Permission.ApplyTrafficChange);

    private bool IsProposer(TrafficChange change) => string.Equals(change.ProposedBy, _actor.UserName, StringComparison.OrdinalIgnoreCase);

    protected override async Task OnInitializedAsync()
    {
        // Before the first await: a component closed while it loads is disposed then, and a subscription made later never would be.
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Traffic) && change.Concerns(Endpoint.Name)
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask, TimeSpan.FromSeconds(1));
        _actor = await CurrentActor.GetAsync();
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync() => _changes = await Traffic.RecentAsync(Endpoint.Name, RecentCount + 1);

    private void StartProposal()
    {
        _error = null;
        // A current weight no proposal may carry (infinite, from AWS or an old bug) is not offered as a starting value.
        _form = new ProposalForm(Endpoint.Variants
            .Select(v => new WeightInput(v.Name, TrafficService.WeightRule.Check(v.CurrentWeight) is null ? v.CurrentWeight : null)).ToList());
    }

    private async Task ProposeAsync()
    {
        if (_form is null)
        {
            return;
        }
        await RunAsync(async () =>
        {
            var result = await Traffic.ProposeAsync(await CurrentActor.GetAsync(), Endpoint.Name,
                _form.Weights.Select(w => new VariantWeight(w.Variant, w.Weight ?? double.NaN)).ToList(), _form.Reason);
            _form.Errors = result.Errors;
            if (result.Change is not null)
            {
                _form = null;
            }
        });
    }

    private Task ApproveAsync(TrafficChange change) => DecideAsync(actor => Traffic.ApproveAsync(actor, change.Id, _note));

    private Task RejectAsync(TrafficChange change) => DecideAsync(actor => Traffic.RejectAsync(actor, change.Id, _note));

    private Task WithdrawAsync(TrafficChange change) => DecideAsync(actor => Traffic.WithdrawAsync(actor, change.Id, _note));

    private Task DecideAsync(Func<Actor, Task<TrafficChange>> decide) => RunAsync(async () =>
    {
        await decide(await CurrentActor.GetAsync());
        _note = null;
    });

    private async Task RunAsync(Func<Task> action)
    {
        _error = null;
        _busy = true;
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is AccessDeniedException or TrafficConflictException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private static string FieldError(IReadOnlyList<FieldError> errors, string field) =>
        string.Join(" ", errors.Where(e => e.Field == field).Select(e => e.Message));

    private static string Weight(double weight) => TrafficChange.WeightText(weight);

    private static string Percent(double share) => share.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Split(IReadOnlyList<VariantWeight> weights) => TrafficService.Split(weights);

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Verb(TrafficChangeStatus status) => status switch
    {
        TrafficChangeStatus.Applied => "approved",
        TrafficChangeStatus.Rejected => "rejected",
        TrafficChangeStatus.Withdrawn => "withdrawn",
        TrafficChangeStatus.Failed => "approved, but not applied",
        _ => "proposed",
    };

    private static MudBlazor.Color StatusColor(TrafficChangeStatus status) => status switch
    {
        TrafficChangeStatus.Applied => MudBlazor.Color.Success,
        TrafficChangeStatus.Failed => MudBlazor.Color.Error,
        TrafficChangeStatus.Proposed => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    public void Dispose() => _subscription?.Dispose();

    private sealed class WeightInput(string variant, double? weight)
    {
        public string Variant { get; } = variant;

        /// <summary>Null while the field is empty or refused; sent as NaN so the server names the field.</summary>
        public double? Weight { get; set; } = weight;
    }

    private sealed class ProposalForm(IReadOnlyList<WeightInput> weights)
    {
        public IReadOnlyList<WeightInput> Weights { get; } = weights;
        public string? Reason { get; set; }
        public IReadOnlyList<FieldError> Errors { get; set; } = [];

        /// <summary>An error stays at its field only until the field is edited.</summary>
        public void Clear(string field) => Errors = Errors.Where(e => e.Field != field).ToList();

        /// <summary>A weight as typed: its own error and the one about the set of weights are stale now.</summary>
        public void Set(WeightInput input, double? weight)
        {
            input.Weight = weight;
            Clear(TrafficService.WeightField(input.Variant));
            Clear(TrafficService.WeightsField);
        }

        /// <summary>Live share of each variant as typed; empty or refused weights count as 0.</summary>
        public IReadOnlyList<double> Shares =>
            TrafficChange.Shares(Weights.Select(w => new VariantWeight(w.Variant, w.Weight ?? 0)).ToList()).Select(s => s ?? 0).ToList();
    }
}
