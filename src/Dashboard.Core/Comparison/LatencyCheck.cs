namespace Dashboard.Core.Comparison;

/// <summary>One minute of a variant: its ModelLatency p90 in milliseconds and the requests behind it.</summary>
public readonly record struct MinuteLatency(long Time, double P90Ms, double Requests);

/// <summary>The latency comparison of a window: each variant's p90 (null without traffic), the minutes and requests behind it, the test.</summary>
/// <param name="MoreMinutesNeeded">Minutes with traffic the variant with fewer still needs; 0 once both have enough.</param>
public sealed record LatencyComparison(
    double? ControlP90Ms,
    double? CandidateP90Ms,
    int ControlMinutes,
    int CandidateMinutes,
    long ControlRequests,
    long CandidateRequests,
    double U,
    double PValue,
    int MoreMinutesNeeded,
    ComparisonVerdict Verdict);

/// <summary>
/// The latency rule. A variant's p90 over the window is the request-weighted median of its minute p90s (CloudWatch gives
/// no p90 of a whole window; a busy minute stands for more requests than a quiet one). Fail when the candidate's p90 is
/// more than <see cref="MaxSlowdown"/> and more than <see cref="MinSlowdownMs"/> ms above the control's and a one-sided
/// Mann–Whitney U test on the minute p90s finds the candidate's higher at <see cref="Alpha"/>; Pass otherwise, once
/// each variant has <see cref="MinMinutes"/> minutes with traffic.
/// </summary>
public static class LatencyCheck
{
    public const double Alpha = 0.05;
    public const double MaxSlowdown = 0.10;
    public const double MinSlowdownMs = 5;
    public const int MinMinutes = 10;

    public static LatencyComparison Evaluate(IEnumerable<MinuteLatency> control, IEnumerable<MinuteLatency> candidate)
    {
        // A minute without requests has no latency, whatever was stored for it.
        var controlMinutes = control.Where(m => m.Requests > 0 && double.IsFinite(m.P90Ms)).ToList();
        var candidateMinutes = candidate.Where(m => m.Requests > 0 && double.IsFinite(m.P90Ms)).ToList();
        var controlP90 = WeightedMedian.Of(controlMinutes.Select(m => (m.P90Ms, m.Requests)));
        var candidateP90 = WeightedMedian.Of(candidateMinutes.Select(m => (m.P90Ms, m.Requests)));
        var test = MannWhitneyTest.CandidateHigher(controlMinutes.Select(m => m.P90Ms).ToList(), candidateMinutes.Select(m => m.P90Ms).ToList());
        var more = Math.Max(0, MinMinutes - Math.Min(controlMinutes.Count, candidateMinutes.Count));

        var verdict = more > 0 ? ComparisonVerdict.NotEnoughTraffic
            : IsSlower(controlP90!.Value, candidateP90!.Value) && test.PValue < Alpha ? ComparisonVerdict.Fail
            : ComparisonVerdict.Pass;
        return new LatencyComparison(controlP90, candidateP90, controlMinutes.Count, candidateMinutes.Count,
            (long)Math.Round(controlMinutes.Sum(m => m.Requests)), (long)Math.Round(candidateMinutes.Sum(m => m.Requests)),
            test.U, test.PValue, more, verdict);
    }

    /// <summary>Slower by enough to matter: both relatively and absolutely (10 % of 2 ms is noise, 5 ms on 2 s is too).</summary>
    public static bool IsSlower(double controlMs, double candidateMs) =>
        candidateMs > controlMs * (1 + MaxSlowdown) && candidateMs - controlMs > MinSlowdownMs;
}
