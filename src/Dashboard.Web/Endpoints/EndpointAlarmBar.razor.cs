using Dashboard.Core.Fleet;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Endpoints;

public partial class EndpointAlarmBar
{
    private readonly DialogOptions _options = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true };
    private bool _canEdit;
    private bool _open;

    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;

    [Parameter, EditorRequired] public EndpointState Endpoint { get; set; } = default!;
    [Parameter] public bool ShowChanges { get; set; }
    [Parameter] public EventCallback<bool> ShowChangesChanged { get; set; }

    /// <summary>Raised when recommended alarms were created, so the page can draw them.</summary>
    [Parameter] public EventCallback OnAlarmsCreated { get; set; }

    protected override async Task OnInitializedAsync() => _canEdit = (await CurrentActor.GetAsync()).Can(Permission.EditAlarms);

    private Task OnCreated(IReadOnlyList<string> names) => OnAlarmsCreated.InvokeAsync();
}
