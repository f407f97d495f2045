using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Approvals;

public sealed partial class ApprovalsNavLink : IDisposable
{
    [Parameter] public string? Class { get; set; }

    [Inject] private PendingApprovalsFeed Feed { get; set; } = default!;

    private string Title => Feed.ForMe == Feed.Items.Count
        ? $"{Feed.Items.Count} waiting for a second person"
        : $"{Feed.Items.Count} waiting for a second person, {Feed.ForMe} of them yours to decide";

    protected override async Task OnInitializedAsync()
    {
        Feed.Changed += OnChangedAsync;
        await Feed.EnsureLoadedAsync();
    }

    private Task OnChangedAsync() => InvokeAsync(StateHasChanged);

    public void Dispose() => Feed.Changed -= OnChangedAsync;
}
