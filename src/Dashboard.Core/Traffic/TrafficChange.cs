using System.Globalization;

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

    /// <summary>
    /// Each variant's share of traffic in percent, in the order of <paramref name="weights"/>; all null when a weight is not
    /// a finite number of at least 0 (or they add up past what a double holds), since no share can then be told.
    /// </summary>
    public static IReadOnlyList<double?> Shares(IReadOnlyList<VariantWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var total = weights.Sum(w => w.Weight);
        if (!double.IsFinite(total) || weights.Any(w => !double.IsFinite(w.Weight) || w.Weight < 0))
        {
            return weights.Select(_ => (double?)null).ToList();
        }
        return weights.Select(w => (double?)(total > 0 ? 100 * w.Weight / total : 0)).ToList();
    }

    /// <summary>A weight for people: "0.8", "1,000,000", and "infinite" or "not a number" for what no weight should be.</summary>
    public static string WeightText(double weight) => weight switch
    {
        double.PositiveInfinity => "infinite",
        double.NegativeInfinity => "minus infinite",
        _ when double.IsNaN(weight) => "not a number",
        _ when Math.Abs(weight) >= 1e15 => weight.ToString("0.###e0", CultureInfo.InvariantCulture),
        _ => weight.ToString("#,##0.######", CultureInfo.InvariantCulture),
    };
}

/// <summary>The change is not in the state the caller expected (decided meanwhile, or another change is open); nothing was stored.</summary>
public sealed class TrafficConflictException(string message) : Exception(message);
