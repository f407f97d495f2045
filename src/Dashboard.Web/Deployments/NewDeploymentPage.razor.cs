using Dashboard.Core.Deployments;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Deployments;

/// <summary>
/// The New deployment form: a model per variant (newest first), the strategy and its timing, the rollback alarms, the
/// plan in words and as a timeline before anything is proposed. The server checks everything again on Propose.
/// </summary>
public sealed partial class NewDeploymentPage
{
    private DeploymentOptions? _options;
    private DeploymentForm? _form;
    private Actor _actor = Actor.System;
    private bool _loaded;
    private bool _busy;
    private string _unavailable = "";

    [Parameter] public string Name { get; set; } = "";

    /// <summary>A model to choose for the first variant (the retraining page's "Deploy this model").</summary>
    [SupplyParameterFromQuery(Name = "model")] public string? Model { get; set; }

    /// <summary>Models retraining runs created, by name: marked "retrained by run #N" in the list.</summary>
    private IReadOnlyDictionary<string, Core.Retraining.RetrainingRun> _retrained = new Dictionary<string, Core.Retraining.RetrainingRun>();

    [Inject] private DeploymentService Deployments { get; set; } = default!;
    [Inject] private Core.Retraining.RetrainingService Retraining { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private bool CanPropose => _actor.Can(Permission.ProposeTrafficChange);

    private List<BreadcrumbItem> Crumbs =>
        [new("Fleet", "/"), new(Name, DashboardUrls.Endpoint(Name)), new("New deployment", null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        _actor = await CurrentActor.GetAsync();
        try
        {
            _options = await Deployments.OptionsAsync(Name);
            _unavailable = $"There is no endpoint named '{Name}' in the fleet.";
        }
        catch (Core.AwsServiceException ex)
        {
            _unavailable = $"The account's models could not be listed ({ex.ErrorCode}); try again in a minute.";
        }
        _loaded = true;
        if (_options is { } options)
        {
            _form = new DeploymentForm(options.Endpoint.Variants.Select(v => new VariantInput(v.Name, options.Serving.GetValueOrDefault(v.Name) ?? "?")).ToList(),
                options.Alarms.Where(a => a.Recommended && a.InCloudWatch).Select(a => a.Name));
            _retrained = await Retraining.CandidatesAsync();
            if (Model is { } model && _form.Variants.Count > 0 && options.Models.Any(m => m.ModelName == model))
            {
                _form.Variants[0].Model = model;
            }
        }
    }

    /// <summary>" · retrained by run #4" for a model a retraining run created.</summary>
    private string RetrainedMark(string model) => _retrained.TryGetValue(model, out var run) ? $" · retrained by run #{run.Id}" : "";

    private IEnumerable<RollbackAlarmChoice> Offered(DeploymentStrategy strategy) => _options!.Alarms.Where(a => strategy switch
    {
        DeploymentStrategy.GatedCanary => a.ToCreate is null && !a.NewFleet,
        DeploymentStrategy.Rolling => a.InCloudWatch && !a.NewFleet, // AWS documents the new fleet's series for blue/green only
        _ => a.InCloudWatch,
    });

    private DeploymentPlan Preview(DeploymentForm form) => form.Plan(Name, Offered(form.Strategy).Select(a => a.Name));

    private async Task ProposeAsync()
    {
        if (_form is not { } form)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Deployments.ProposeAsync(await CurrentActor.GetAsync(), Preview(form), form.Reason);
            form.Errors = result.Errors;
            if (result.Deployment is { } stored)
            {
                Navigation.NavigateTo(DashboardUrls.Deployment(stored.Id));
            }
        }
        catch (AccessDeniedException ex)
        {
            form.Errors = [new Core.Alarms.Editing.FieldError(DeploymentService.EndpointField, ex.Message)];
        }
        finally
        {
            _busy = false;
        }
    }

    private static string StrategyLabel(DeploymentStrategy strategy) => strategy switch
    {
        DeploymentStrategy.AllAtOnce => "All at once — SageMaker blue/green: the new fleet takes all traffic, then bakes",
        DeploymentStrategy.Canary => "Canary — SageMaker blue/green: a share first, then the rest",
        DeploymentStrategy.Linear => "Linear — SageMaker blue/green: equal steps",
        DeploymentStrategy.Rolling => "Rolling — SageMaker replaces instances in batches (one variant only)",
        _ => "Dashboard-gated canary — the new model as a second variant, each step held until its analysis passes",
    };

    private static string SizeLabel(DeploymentStrategy strategy) => strategy switch
    {
        DeploymentStrategy.Canary => "Canary size (≤ 50 %)",
        DeploymentStrategy.Linear => "Step size (10–50 %)",
        _ => "Batch size (5–50 %)",
    };

    private static string AlarmsHelp(DeploymentStrategy strategy) => strategy == DeploymentStrategy.GatedCanary
        ? "The dashboard evaluates these during each step; any in ALARM puts the weights back. Choose 1–10."
        : "SageMaker watches these during each wait and the final baking, and rolls back if any goes to ALARM. Choose 1–9: "
          + "the dashboard adds its own, which it sets to ALARM when an Operator clicks Roll back now. Alarms marked (new) are "
          + "created and mirrored to CloudWatch when the deployment is approved.";
}
