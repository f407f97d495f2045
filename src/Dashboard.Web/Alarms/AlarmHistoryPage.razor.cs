using Dashboard.Core.Alarms;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Alarms;

public partial class AlarmHistoryPage
{
    private const int PageSize = 500;
    private IReadOnlyList<AlarmTransition> _transitions = [];
    private IReadOnlyDictionary<string, AlarmDefinition> _alarms = new Dictionary<string, AlarmDefinition>();

    [Inject] private IAlarmStore Store { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "alarm")] public string? Alarm { get; set; }
    [SupplyParameterFromQuery(Name = "endpoint")] public string? Endpoint { get; set; }
    [SupplyParameterFromQuery(Name = "state")] public string? State { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    /// <summary>The filter the page and the CSV export share.</summary>
    public static AlarmHistoryFilter Filter(string? alarm, string? endpoint, string? state, string? search) => new()
    {
        AlarmName = Blank(alarm),
        Endpoint = Blank(endpoint),
        State = AlarmWireNames.ParseState(state),
        Text = Blank(search),
        Limit = PageSize,
    };

    protected override async Task OnParametersSetAsync()
    {
        _transitions = await Store.HistoryAsync(Filter(Alarm, Endpoint, State, Search));
        _alarms = (await Store.ListAsync()).ToDictionary(e => e.Definition.Name, e => e.Definition);
    }

    private void Go(string? alarm, string? endpoint, string? state, string? search) =>
        Navigation.NavigateTo(AlarmUrls.History(alarm, endpoint, state, search), replace: true);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
