using Dashboard.Core.Approvals;
using Dashboard.Core.Live;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;

namespace Dashboard.Web.Approvals;

/// <summary>
/// The changes waiting for a second person, kept for one circuit: the navigation badge, the bell and the fleet strip all
/// read this one copy, refreshed when a change is proposed or decided anywhere.
/// </summary>
public sealed class PendingApprovalsFeed(PendingApprovals approvals, LiveStore live, ICurrentActor currentActor) : IDisposable
{
    private IDisposable? _subscription;
    private Task? _loaded;

    public IReadOnlyList<PendingApproval> Items { get; private set; } = [];

    public Actor Actor { get; private set; } = Actor.System;

    /// <summary>How many the signed-in person may decide (not their own, and with the permission).</summary>
    public int ForMe => Items.Count(i => i.CanBeDecidedBy(Actor));

    /// <summary>Raised after <see cref="Items"/> changed; handlers re-render on their own dispatcher.</summary>
    public event Func<Task>? Changed;

    /// <summary>Loads once per circuit and starts following changes; later callers wait for the same load.</summary>
    public Task EnsureLoadedAsync() => _loaded ??= StartAsync();

    private async Task StartAsync()
    {
        _subscription = live.Subscribe(async change =>
        {
            if (change.Has(LiveChangeKind.Traffic))
            {
                await LoadAsync();
                foreach (var handler in Changed?.GetInvocationList().Cast<Func<Task>>() ?? [])
                {
                    await handler();
                }
            }
        }, TimeSpan.FromSeconds(1));
        Actor = await currentActor.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync() => Items = await approvals.ListAsync();

    public void Dispose() => _subscription?.Dispose();
}
