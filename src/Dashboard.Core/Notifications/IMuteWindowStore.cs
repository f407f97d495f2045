using Dashboard.Core.Security;

namespace Dashboard.Core.Notifications;

public interface IMuteWindowStore
{
    Task<IReadOnlyList<MuteWindow>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the window (its Id is assigned) and its audit record together; returns the stored window.</summary>
    Task<MuteWindow> CreateAsync(MuteWindow window, Actor actor, CancellationToken cancellationToken = default);

    Task DeleteAsync(long id, Actor actor, CancellationToken cancellationToken = default);
}
