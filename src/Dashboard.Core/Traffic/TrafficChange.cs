namespace Dashboard.Core.Traffic;

/// <summary>
/// Where a traffic change stands. <see cref="Proposed"/> waits for a decision; <see cref="Applying"/> is approved and
/// waits for SageMaker's answer (or, when that answer was lost, for the endpoint to show the outcome); the rest are final.
/// </summary>
public enum TrafficChangeStatus
{
    Proposed,
    Applying,
    Applied,
    Rejected,
    Failed,
    Withdrawn,
}

/// <summary>One production variant's raw SageMaker weight; a variant's share of traffic is weight / sum of weights.</summary>
public sealed record VariantWeight(string Variant, double Weight);

/// <summary>
/// A change of an endpoint's variant weights, proposed by one person and decided by another (four eyes).
/// <see cref="Before"/> holds the weights the endpoint had when the change was proposed.
/// </summary>
public sealed record TrafficChange(
    long Id,
    string Endpoint,
    IReadOnlyList<VariantWeight> Weights,
    IReadOnlyList<VariantWeight> Before,
    string Reason,
    TrafficChangeStatus Status,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionNote = null,
    DateTimeOffset? AppliedAt = null,
    string? Error = null)
{
    /// <summary>Not settled yet: no other change may be proposed for the endpoint meanwhile.</summary>
    public bool IsOpen => Status is TrafficChangeStatus.Proposed or TrafficChangeStatus.Applying;

    /// <summary>Waiting for an operator to approve or reject it (or its proposer to withdraw it).</summary>
    public bool AwaitsDecision => Status == TrafficChangeStatus.Proposed;

    /// <summary>Why someone who expected it to be <see cref="TrafficChangeStatus.Proposed"/> can't act on it any more.</summary>
    public string Decided => Status == TrafficChangeStatus.Applying
        ? $"Traffic change #{Id} was already approved by {DecidedBy} and is being applied."
        : $"Traffic change #{Id} was already {Status.ToString().ToLowerInvariant()} by {DecidedBy ?? ProposedBy}.";

    /// <summary>Each variant's share of traffic in percent, in the order of <paramref name="weights"/>.</summary>
    public static IReadOnlyList<double> Shares(IReadOnlyList<VariantWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var total = weights.Sum(w => w.Weight);
        return weights.Select(w => total > 0 ? 100 * w.Weight / total : 0).ToList();
    }
}

/// <summary>The change is not in the state the caller expected (decided meanwhile, or another change is open); nothing was stored.</summary>
public sealed class TrafficConflictException(string message) : Exception(message);
