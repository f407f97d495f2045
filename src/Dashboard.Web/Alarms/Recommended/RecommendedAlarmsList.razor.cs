using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Overview;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Alarms.Recommended;

public partial class RecommendedAlarmsList
{
    private List<Item>? _items;
    private bool _creating;
    private string? _summary;
    private int _refused;
    private string? _loadedFor;

    private sealed class Item(RecommendedAlarm recommended, bool exists)
    {
        public AlarmDefinition Alarm => recommended.Alarm;
        public string Why => recommended.Why;
        public bool Exists { get; } = exists;
        public bool Selected { get; set; } = !exists;
        public (bool Created, string Message)? Outcome { get; set; }
    }

    [Inject] private AlarmService Alarms { get; set; } = default!;
    [Inject] private IAlarmStore AlarmStore { get; set; } = default!;
    [Inject] private IMetricQueries Metrics { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IOptions<OverviewOptions> Overview { get; set; } = default!;

    [Parameter, EditorRequired] public EndpointState Endpoint { get; set; } = default!;

    /// <summary>Raised after alarms were created, with their names.</summary>
    [Parameter] public EventCallback<IReadOnlyList<string>> OnCreated { get; set; }

    private int SelectedCount => _items?.Count(i => i.Selected && !i.Exists && i.Outcome is null) ?? 0;

    protected override async Task OnParametersSetAsync()
    {
        // The page re-renders after alarms were created: keep the outcomes instead of reloading the list.
        if (_items is not null && _loadedFor == Endpoint.Name)
        {
            return;
        }
        _loadedFor = Endpoint.Name;
        var stored = await Metrics.ListSeriesAsync(Endpoint.Name);
        var existing = (await AlarmStore.ListAsync()).Select(e => e.Definition.Name).ToHashSet(StringComparer.Ordinal);
        _items = RecommendedAlarms.For(Endpoint, stored, Overview.Value.DriftThreshold)
            .Select(r => new Item(r, existing.Contains(r.Alarm.Name)))
            .ToList();
    }

    private async Task CreateSelectedAsync()
    {
        _creating = true;
        var actor = await CurrentActor.GetAsync();
        var created = new List<string>();
        _refused = 0;
        try
        {
            foreach (var item in _items!.Where(i => i.Selected && !i.Exists && i.Outcome is null))
            {
                try
                {
                    var errors = await Alarms.SaveAsync(actor, item.Alarm, isNew: true);
                    item.Outcome = errors.Count == 0 ? (true, "") : (false, string.Join(" ", errors.Select(e => e.Message)));
                }
                catch (AccessDeniedException ex)
                {
                    item.Outcome = (false, ex.Message);
                }
                if (item.Outcome.Value.Created)
                {
                    created.Add(item.Alarm.Name);
                }
                else
                {
                    _refused++;
                }
            }
            _summary = _refused == 0 ? $"Created {Count(created.Count)}." : $"Created {Count(created.Count)}; {Count(_refused)} refused (reasons under each).";
        }
        finally
        {
            _creating = false;
        }
        if (created.Count > 0)
        {
            await OnCreated.InvokeAsync(created);
        }
    }

    private static string Count(int n) => n == 1 ? "1 alarm" : $"{n} alarms";
}
