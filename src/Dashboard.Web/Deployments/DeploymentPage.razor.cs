using Dashboard.Core.Alarms;
using Dashboard.Core.Charts;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Deployments;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Deployments;

/// <summary>
/// One deployment: the plan, who proposed, approved or aborted it, the live timeline with countdowns, the configs side by
/// side, the rollback alarms' states, the outcome in plain words, and the actions the viewer may take. The server checks
/// every action again; the buttons only save people a refusal.
/// </summary>
public sealed partial class DeploymentPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private Deployment? _deployment;
    private Actor _actor = Actor.System;
    private IReadOnlyDictionary<string, string> _serving = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, string> _alarmStates = new Dictionary<string, string>();
    private IDisposable? _subscription;
    private PeriodicTimer? _ticker;
    private string? _note;
    private string? _error;
    private bool _loaded;
    private bool _busy;

    [Parameter] public long Id { get; set; }

    [Inject] private DeploymentService Deployments { get; set; } = default!;
    [Inject] private ISageMakerClient SageMaker { get; set; } = default!;
    [Inject] private IAlarmStore Alarms { get; set; } = default!;
    [Inject] private ExternalAlarms External { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private sealed record ActionSet(bool Approve, bool Withdraw, bool Abort, string? Reason)
    {
        public bool ApproveStep { get; init; }
        public bool Promote { get; init; }
        public bool Any => Approve || Withdraw || Abort || ApproveStep || Promote;
    }

    private sealed record AlarmRow(string Name, string State);

    protected override async Task OnInitializedAsync()
    {
        _subscription = Live.Subscribe(change => _deployment is { } d && change.Has(LiveChangeKind.Traffic | LiveChangeKind.Alarms) && change.Concerns(d.Endpoint)
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask, TimeSpan.FromSeconds(1));
        _actor = await CurrentActor.GetAsync();
        _ = TickAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _loaded = true;
        if (_deployment?.OldConfig is { } config)
        {
            try
            {
                var described = await SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(config), _disposed.Token);
                _serving = described.ProductionVariants.Where(v => v.ModelName is not null).ToDictionary(v => v.VariantName, v => v.ModelName!);
            }
            catch (Core.AwsServiceException)
            {
                // The old config's models are a nicety; the page stands without them.
            }
        }
    }

    private async Task LoadAsync()
    {
        _deployment = await Deployments.FindAsync(Id, _disposed.Token);
        if (_deployment is { } d)
        {
            var states = (await Alarms.ListAsync(_disposed.Token)).ToDictionary(a => a.Definition.Name, a => State(a.Status.State), StringComparer.Ordinal);
            foreach (var external in External.ForEndpoint(d.Endpoint))
            {
                states.TryAdd(external.Name, external.State is { } s ? State(s) : "—");
            }
            _alarmStates = states;
        }
    }

    /// <summary>Countdowns move every second while a step is held.</summary>
    private async Task TickAsync()
    {
        _ticker = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await _ticker.WaitForNextTickAsync(_disposed.Token))
            {
                if (_deployment?.CurrentStep is not null)
                {
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string State(AlarmState state) => state switch
    {
        AlarmState.Alarm => "ALARM",
        AlarmState.Ok => "OK",
        _ => "INSUFFICIENT_DATA",
    };

    private IEnumerable<AlarmRow> AlarmRows(Deployment deployment) => deployment.Plan.RollbackAlarms
        .Select(name => new AlarmRow(name, _alarmStates.GetValueOrDefault(name) ?? "—"));

    /// <summary>What becomes of the alarms created for this deployment alone, once it is over.</summary>
    private static string? OwnAlarmsText(Deployment deployment)
    {
        var own = DeploymentAlarmCleanup.Owned(deployment);
        if (own.Count == 0 || deployment.AbortAlarm is null)
        {
            return null;
        }
        var names = string.Join(", ", own);
        return deployment.AlarmsDeletedAt is { } deleted ? $"Created for this deployment and deleted from CloudWatch at {deleted:HH:mm} UTC: {names}."
            : deployment.IsFinished ? $"Created for this deployment; deleted from CloudWatch once the endpoint is InService: {names}."
            : $"Created for this deployment (deleted when it is over): {names}.";
    }

    private ActionSet Actions(Deployment deployment)
    {
        var proposer = string.Equals(deployment.ProposedBy, _actor.UserName, StringComparison.OrdinalIgnoreCase);
        var operatorRole = _actor.Can(Permission.DecideCutover);
        return deployment.Status switch
        {
            DeploymentStatus.Proposed => new ActionSet(operatorRole && !proposer, proposer, false,
                proposer ? "A different Operator must approve your deployment." : operatorRole ? null : "An Operator other than the proposer approves it."),
            DeploymentStatus.Deploying or DeploymentStatus.Approved when deployment.AbortedBy is null && !deployment.StartedOutside =>
                new ActionSet(false, false, operatorRole, !operatorRole ? null
                    : deployment.Plan.IsSageMakers ? "Roll back now sets the deployment's own rollback alarm to ALARM; SageMaker reverts to the old fleet at its next alarm check."
                    : proposer ? "A different Operator approves each step or promotes; you may roll back."
                    : "Approve next step once a step has passed; Promote now skips the remaining steps; Roll back now puts the weights back.")
                {
                    ApproveStep = operatorRole && !proposer && deployment.CurrentStep?.State == StepState.WaitingForApproval,
                    Promote = operatorRole && !proposer && !deployment.Plan.IsSageMakers && deployment.CurrentStep is { Index: > 0 } step
                        && step.Index < deployment.Steps.Count - 1,
                },
            _ => new ActionSet(false, false, false, null),
        };
    }

    private static string People(Deployment d)
    {
        var parts = new List<string> { $"Proposed by {d.ProposedBy} at {d.ProposedAt:yyyy-MM-dd HH:mm} UTC" };
        if (d.DecidedBy is { } decided)
        {
            parts.Add($"{(d.Status is DeploymentStatus.Rejected ? "rejected" : d.Status is DeploymentStatus.Withdrawn ? "withdrawn" : "approved")} by {decided} at {d.DecidedAt:HH:mm} UTC"
                + (d.DecisionNote is { Length: > 0 } note ? $" (“{note}”)" : ""));
        }
        if (d.AbortedBy is { } aborted)
        {
            parts.Add($"rollback asked for by {aborted} at {d.AbortedAt:HH:mm:ss} UTC");
        }
        if (d.FinishedAt is { } finished)
        {
            parts.Add($"finished at {finished:HH:mm:ss} UTC");
        }
        return string.Join(" · ", parts);
    }

    private static Severity OutcomeSeverity(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded => Severity.Success,
        DeploymentStatus.RollbackFailed or DeploymentStatus.Failed => Severity.Error,
        DeploymentStatus.Deploying or DeploymentStatus.Approved => Severity.Info,
        _ => Severity.Warning,
    };

    private static List<BreadcrumbItem> Crumbs(Deployment d) =>
        [new("Deployments", "/deployments"), new(d.Endpoint, DashboardUrls.Endpoint(d.Endpoint)), new($"#{d.Id}", null, disabled: true)];

    private string ChartsUrl(Deployment d)
    {
        var from = (d.StartedAt ?? d.ProposedAt).AddMinutes(-30);
        var to = (d.FinishedAt ?? Now).AddMinutes(30);
        return DashboardUrls.Endpoint(d.Endpoint, new EndpointView(new TimeRange(TimeRange.Custom, from, to), ComparePeriod.None, null, null));
    }

    private Task ApproveAsync() => RunAsync(actor => Deployments.ApproveAsync(actor, Id, _note));

    private Task RejectAsync() => RunAsync(actor => Deployments.RejectAsync(actor, Id, _note));

    private Task WithdrawAsync() => RunAsync(actor => Deployments.WithdrawAsync(actor, Id, _note));

    private Task ApproveStepAsync() => RunAsync(actor => Deployments.ApproveStepAsync(actor, Id));

    private Task PromoteAsync() => RunAsync(actor => Deployments.PromoteNowAsync(actor, Id));

    private Task AbortAsync() => RunAsync(actor => Deployments.AbortAsync(actor, Id, _note));

    private async Task RunAsync(Func<Actor, Task<Deployment>> action)
    {
        _error = null;
        _busy = true;
        try
        {
            await action(await CurrentActor.GetAsync());
            _note = null;
        }
        catch (Exception ex) when (ex is AccessDeniedException or DeploymentConflictException or Core.AwsServiceException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _ticker?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
