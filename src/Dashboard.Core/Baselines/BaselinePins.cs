using Dashboard.Core.Security;

namespace Dashboard.Core.Baselines;

/// <summary>An endpoint's baseline window [From, To) pinned for everyone (Unix seconds), and who pinned it.</summary>
public sealed record BaselinePin(string Endpoint, long From, long To, string PinnedBy, long PinnedAt, string? Note = null)
{
    /// <summary>Shortest window a pinned baseline may have: a band needs some history per hour of the day.</summary>
    public const long MinimumSeconds = 3600;

    public static string? Validate(long from, long to, long now) =>
        to <= from ? "The end must be after the start."
        : to - from < MinimumSeconds ? "Pin at least one hour of history."
        : to > now ? "A baseline can only be pinned to the past."
        : null;
}

/// <summary>Pinned baselines; every change is checked against the actor's role and audited with it.</summary>
public interface IBaselinePinStore
{
    Task<BaselinePin?> FindAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <summary>Pins (or re-pins) the endpoint's baseline.</summary>
    /// <exception cref="AccessDeniedException">The actor may not pin baselines.</exception>
    /// <exception cref="ArgumentException">The window is not valid (<see cref="BaselinePin.Validate"/>).</exception>
    Task<BaselinePin> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default);

    /// <exception cref="AccessDeniedException">The actor may not pin baselines.</exception>
    Task UnpinAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default);
}
