using Dashboard.Core.Approvals;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Approvals;

public sealed partial class PendingApprovalsStrip : IDisposable
{
    private const int Shown = 3;

    [Inject] private PendingApprovalsFeed Feed { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private string Headline => Feed.Items.Count == 1
        ? "1 change waits for a second person"
        : $"{Feed.Items.Count} changes wait for a second person";

    protected override async Task OnInitializedAsync()
    {
        Feed.Changed += OnChangedAsync;
        await Feed.EnsureLoadedAsync();
    }

    private string Mine(PendingApproval item) => item.CanBeDecidedBy(Feed.Actor) ? " · yours to decide" : "";

    private Task OnChangedAsync() => InvokeAsync(StateHasChanged);

    public void Dispose() => Feed.Changed -= OnChangedAsync;
}
