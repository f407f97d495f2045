using Dashboard.Core.Fleet;

namespace Dashboard.Core.Live;

/// <summary>
/// One change published to a <see cref="LiveStore"/>, with the state it carries: what another replica needs to apply
/// the same change to its own store (<see cref="LiveStore.Apply"/>). Only the properties of its kind are set.
/// </summary>
public sealed record LivePublication(LiveChangeKind Kind, IReadOnlyCollection<string> Endpoints)
{
    /// <summary>The whole fleet (<see cref="LiveChangeKind.Fleet"/>).</summary>
    public IReadOnlyList<EndpointState>? Fleet { get; init; }

    /// <summary>The newest metric time written (<see cref="LiveChangeKind.Metrics"/>), Unix seconds.</summary>
    public long? NewestMetricTime { get; init; }

    /// <summary>How one source is doing now (<see cref="LiveChangeKind.Status"/>).</summary>
    public SourceStatus? Source { get; init; }

    /// <summary>The backfill's progress (<see cref="LiveChangeKind.Status"/>).</summary>
    public BackfillProgress? Backfill { get; init; }
}
