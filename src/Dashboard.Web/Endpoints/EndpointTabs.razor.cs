using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Endpoints;

public partial class EndpointTabs
{
    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";

    /// <summary>"metrics" or "drift".</summary>
    [Parameter, EditorRequired] public string Current { get; set; } = "";
}
