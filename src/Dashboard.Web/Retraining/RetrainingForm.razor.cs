using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Retraining;

/// <summary>
/// The proposal form: reads the endpoint's pipeline when opened (a person's click, so an AWS call is fine here), checks each
/// value as it is typed, and leaves the decision to the server, which checks everything again.
/// </summary>
public sealed partial class RetrainingForm
{
    private RetrainingPipeline? _pipeline;
    private string? _missing;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private FindingKind _kind;
    private string? _finding;
    private string? _reason;
    private bool _busy;

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";

    [Parameter] public (FindingKind Kind, string Text) Suggested { get; set; }

    [Parameter] public EventCallback Cancelled { get; set; }

    [Inject] private RetrainingService Retraining { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private bool HasFieldErrors => _errors.Keys.Any(k => k.StartsWith("Parameter.", StringComparison.Ordinal));

    protected override async Task OnInitializedAsync()
    {
        (_kind, _finding) = Suggested;
        try
        {
            (_pipeline, _missing) = await Retraining.PipelineAsync(Endpoint);
        }
        catch (Core.AwsServiceException ex)
        {
            _missing = $"SageMaker could not be asked for the endpoint's pipeline ({ex.ErrorCode}); try again in a minute.";
        }
        foreach (var parameter in _pipeline?.Parameters ?? [])
        {
            _values[parameter.Name] = parameter.DefaultValue ?? "";
        }
    }

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private void Set(PipelineParameterDefinition parameter, string? value)
    {
        _values[parameter.Name] = value ?? "";
        var field = ParameterRules.Field(parameter.Name);
        if (ParameterRules.Check(parameter, value) is { } error)
        {
            _errors[field] = error;
        }
        else
        {
            _errors.Remove(field);
        }
    }

    private static IReadOnlyList<string>? Choices(PipelineParameterDefinition parameter) =>
        parameter.EnumValues is { Count: > 0 } values ? values
        : parameter.Type == PipelineParameterTypes.Boolean ? ["true", "false"]
        : null;

    private static string Helper(PipelineParameterDefinition parameter) =>
        $"{parameter.Type}" + (parameter.DefaultValue is { } value ? $", default {value}" : ", no default");

    private async Task ProposeAsync()
    {
        if (_pipeline is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var request = new RetrainingRequest(Endpoint, _pipeline.Name, _values, _kind, _finding, _reason);
            var result = await Retraining.ProposeAsync(await CurrentActor.GetAsync(), request);
            _errors = result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
            if (result.Run is { } run)
            {
                Navigation.NavigateTo(Web.Navigation.DashboardUrls.Retraining(run.Id));
            }
        }
        catch (Exception ex) when (ex is AccessDeniedException or Core.AwsServiceException)
        {
            _errors = new(StringComparer.Ordinal) { [RetrainingService.EndpointField] = ex.Message };
        }
        finally
        {
            _busy = false;
        }
    }
}
