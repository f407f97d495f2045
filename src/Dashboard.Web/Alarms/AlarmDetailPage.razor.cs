using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Alarms;

public partial class AlarmDetailPage
{
    private AlarmEntry? _entry;
    private IReadOnlyList<Dashboard.Core.Metrics.SeriesKey> _awaiting = [];
    private IReadOnlyList<AlarmTransition> _history = [];
    private IReadOnlyDictionary<string, AlarmDefinition> _alarms = new Dictionary<string, AlarmDefinition>();
    private IDisposable? _subscription;
    private bool _loaded;
    private bool _canEdit;
    private string? _error;

    [Parameter] public string Name { get; set; } = "";

    [Inject] private IAlarmStore Store { get; set; } = default!;
    [Inject] private AlarmService Alarms { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Before the first await: a component closed while it loads is disposed then, and a subscription made later never would be.
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Alarms)
            ? InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); })
            : Task.CompletedTask, TimeSpan.FromSeconds(2));
        _canEdit = (await CurrentActor.GetAsync()).Can(Permission.EditAlarms);
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _entry = await Store.FindAsync(Name);
        _awaiting = _entry is { Status.Evaluation: null } ? await Alarms.UncollectedAsync(_entry.Definition) : [];
        _history = await Store.HistoryAsync(new AlarmHistoryFilter { AlarmName = Name, Limit = 100 });
        _alarms = _entry is null ? new Dictionary<string, AlarmDefinition>() : new Dictionary<string, AlarmDefinition> { [Name] = _entry.Definition };
        _loaded = true;
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete alarm",
            $"Delete '{Name}'? Its state history stays searchable.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        try
        {
            await Alarms.DeleteAsync(await CurrentActor.GetAsync(), Name);
            Navigation.NavigateTo(AlarmUrls.List());
        }
        catch (Exception ex) when (ex is AccessDeniedException or AlarmConflictException)
        {
            _error = ex.Message;
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
