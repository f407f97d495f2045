namespace Dashboard.Core.Comparison;

/// <summary>The 5XX comparison of a window: counts, rates (fractions, not percent), the test and what is still needed.</summary>
/// <param name="RequiredRequests">Requests each variant needs before a Pass (see <see cref="ErrorRateCheck"/>).</param>
/// <param name="MoreRequestsNeeded">Requests the variant with fewer still needs; 0 once both have enough.</param>
public sealed record ErrorRateComparison(
    long ControlRequests,
    long ControlErrors,
    long CandidateRequests,
    long CandidateErrors,
    double? ControlRate,
    double? CandidateRate,
    double Z,
    double PValue,
    long RequiredRequests,
    long MoreRequestsNeeded,
    ComparisonVerdict Verdict);

/// <summary>
/// The 5XX rule: a one-sided pooled two-proportion z-test. Fail when the candidate's rate is higher with p below
/// <see cref="Alpha"/> and the candidate has at least <see cref="MinCandidateErrors"/> errors (so one or two stray errors
/// on a small canary fail nothing); Pass once each variant has served the requests needed to see the control's rate
/// double at <see cref="Alpha"/> with power <see cref="Power"/>; otherwise not enough traffic yet.
/// </summary>
public static class ErrorRateCheck
{
    public const double Alpha = 0.05;
    public const double Power = 0.8;
    public const int MinCandidateErrors = 5;

    /// <summary>
    /// A rate below this counts as this for the sample size: the doubling of a smaller rate (a few errors in ten thousand)
    /// would need ever more traffic while mattering less, and a control without errors would otherwise need infinitely many.
    /// </summary>
    public const double MinBaselineRate = 0.001;

    public static ErrorRateComparison Evaluate(long controlRequests, long controlErrors, long candidateRequests, long candidateErrors)
    {
        controlRequests = Math.Max(0, controlRequests);
        candidateRequests = Math.Max(0, candidateRequests);
        // Errors are counted separately from requests and may arrive a minute apart: never more errors than requests.
        controlErrors = Math.Clamp(controlErrors, 0, controlRequests);
        candidateErrors = Math.Clamp(candidateErrors, 0, candidateRequests);
        double? controlRate = controlRequests > 0 ? (double)controlErrors / controlRequests : null;
        double? candidateRate = candidateRequests > 0 ? (double)candidateErrors / candidateRequests : null;
        var test = TwoProportionTest.CandidateHigher(controlErrors, controlRequests, candidateErrors, candidateRequests);

        var baseline = Math.Clamp(controlRate ?? 0, MinBaselineRate, 0.5);
        var required = ProportionSampleSize.PerGroup(baseline, 2 * baseline, Alpha, Power);
        var more = Math.Max(0, required - Math.Min(controlRequests, candidateRequests));

        var verdict = test.Z > 0 && test.PValue < Alpha && candidateErrors >= MinCandidateErrors ? ComparisonVerdict.Fail
            : more == 0 ? ComparisonVerdict.Pass
            : ComparisonVerdict.NotEnoughTraffic;
        return new ErrorRateComparison(controlRequests, controlErrors, candidateRequests, candidateErrors, controlRate, candidateRate,
            test.Z, test.PValue, required, verdict == ComparisonVerdict.NotEnoughTraffic ? more : 0, verdict);
    }
}
