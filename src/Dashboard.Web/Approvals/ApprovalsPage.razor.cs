using Dashboard.Core.Approvals;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Approvals;

/// <summary>Every change waiting for a second person, with one click to where it is decided.</summary>
public sealed partial class ApprovalsPage : IDisposable
{
    [Inject] private PendingApprovalsFeed Feed { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnInitializedAsync()
    {
        Feed.Changed += OnChangedAsync;
        await Feed.EnsureLoadedAsync();
    }

    private string ReviewText(PendingApproval item) =>
        item.CanBeDecidedBy(Feed.Actor) ? "Review and decide"
        : string.Equals(item.ProposedBy, Feed.Actor.UserName, StringComparison.OrdinalIgnoreCase) ? "Yours: open"
        : "Open";

    private Task OnChangedAsync() => InvokeAsync(StateHasChanged);

    public void Dispose() => Feed.Changed -= OnChangedAsync;
}
