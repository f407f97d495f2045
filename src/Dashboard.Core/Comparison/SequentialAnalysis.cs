using MathNet.Numerics.Distributions;
using static System.FormattableString;

namespace Dashboard.Core.Comparison;

/// <summary>
/// One check of a step at its latest look: the verdict, how many looks it took, the share of its planned information in
/// (<see cref="Fraction"/>), the z of all data so far, the z it had to reach to fail, and the α spent so far.
/// </summary>
public sealed record SequentialCheck(ComparisonVerdict Verdict, int Looks, double Fraction, double Z, double Bound, double Spent);

/// <summary>
/// The gated canary's rule for one traffic step, judged at every look (each end of a hold) on all the step's data so far:
/// a group-sequential test per check with O'Brien–Fleming-type α spending (<see cref="AlphaSpending"/>,
/// <see cref="SequentialBoundaries"/>), so a good candidate fails a step with chance at most <see cref="Alpha"/> however
/// many looks the step takes — testing each look at a fixed α would fail it sooner or later. Each check has
/// <see cref="CheckAlpha"/>; its planned information is the 5XX check's sample size (requests per variant to see the
/// control's rate double at that α with power 0.8) and the latency check's minutes with traffic.
/// </summary>
public sealed record SequentialAnalysis(VariantComparison Latest, SequentialCheck ErrorRate, SequentialCheck Latency, ComparisonVerdict Verdict,
    long MoreRequestsNeeded, int MoreMinutesNeeded, string Summary)
{
    /// <summary>A good candidate's chance of failing a step, whatever the number of looks: both checks together.</summary>
    public const double Alpha = 0.05;

    /// <summary>Each check's share of <see cref="Alpha"/>.</summary>
    public const double CheckAlpha = Alpha / 2;

    /// <summary>The rule in words, for the form and the deployment page.</summary>
    public static string Rule { get; } = string.Concat(
        Invariant($"At the end of each hold, on all the step's traffic so far, as a group-sequential test: a step fails a good "),
        Invariant($"candidate with chance at most {Alpha * 100:0} % however many holds it takes ({CheckAlpha * 100:0.#} % for the 5XX rate, "),
        Invariant($"{CheckAlpha * 100:0.#} % for latency), spent across the looks by an O'Brien–Fleming-type function (Lan–DeMets), so an "),
        "early look needs an overwhelming difference to fail and the last one is judged at close to the full rate. ",
        Invariant($"5XX: the two-proportion z against the look's bound; the last look comes once each variant has the requests needed to "),
        Invariant($"see the control's rate (at least {ErrorRateCheck.MinBaselineRate * 100} %) double with power {ErrorRateCheck.Power}, "),
        Invariant($"and failing also takes {ErrorRateCheck.MinCandidateErrors} errors. Latency: the Mann–Whitney z of the minute p90s against "),
        Invariant($"the look's bound, when the candidate's p90 is more than {LatencyCheck.MaxSlowdown * 100} % and {LatencyCheck.MinSlowdownMs} ms "),
        Invariant($"higher; the last look comes at {LatencyCheck.MinMinutes} minutes with traffic per variant."));

    /// <summary>
    /// The most requests per variant the 5XX check's last look may take: at a control 5XX rate of
    /// <see cref="ErrorRateCheck.MinBaselineRate"/> or below (a higher rate needs fewer).
    /// </summary>
    public static long MostRequestsNeeded { get; } =
        ProportionSampleSize.PerGroup(ErrorRateCheck.MinBaselineRate, 2 * ErrorRateCheck.MinBaselineRate, CheckAlpha, ErrorRateCheck.Power);

    /// <summary>What a step needs for its last look, in words.</summary>
    public static string SampleSizeText { get; } = Invariant(
        $"A step's last look comes once each variant has served up to {ComparisonText.Count(MostRequestsNeeded)} requests (fewer when the control's 5XX rate is above {ErrorRateCheck.MinBaselineRate * 100} %) with {LatencyCheck.MinMinutes} minutes of traffic; until then it is held again, a step's minutes at a time.");

    /// <summary>The looks of a step so far (each on all its data since the step began), oldest first; judged at the last.</summary>
    public static SequentialAnalysis Of(IReadOnlyList<VariantComparison> looks) => EachLook(looks)[^1];

    /// <summary>
    /// Each look judged as it was (or would have been) when it was the latest: a look's bound depends only on the looks
    /// before it, so one computation serves them all.
    /// </summary>
    public static IReadOnlyList<SequentialAnalysis> EachLook(IReadOnlyList<VariantComparison> looks)
    {
        ArgumentNullException.ThrowIfNull(looks);
        if (looks.Count == 0)
        {
            throw new ArgumentException("A sequential analysis needs at least one look.", nameof(looks));
        }
        var required = looks.Select(RequiredRequests).ToList();
        var errors = Judge(looks.Select((l, k) => (
            Fraction: Math.Min(1, (double)Math.Min(l.ErrorRate.ControlRequests, l.ErrorRate.CandidateRequests) / required[k]),
            l.ErrorRate.Z,
            Material: l.ErrorRate.CandidateErrors >= ErrorRateCheck.MinCandidateErrors)).ToList());
        var latency = Judge(looks.Select(l => (
            Fraction: Math.Min(1, (double)Math.Min(l.Latency.ControlMinutes, l.Latency.CandidateMinutes) / LatencyCheck.MinMinutes),
            Z: -Normal.InvCDF(0, 1, l.Latency.PValue),
            Material: l.Latency is { ControlP90Ms: { } control, CandidateP90Ms: { } candidate } && LatencyCheck.IsSlower(control, candidate))).ToList());

        return looks.Select((look, k) =>
        {
            ComparisonVerdict[] verdicts = [errors[k].Verdict, latency[k].Verdict];
            var verdict = verdicts.Contains(ComparisonVerdict.Fail) ? ComparisonVerdict.Fail
                : verdicts.Contains(ComparisonVerdict.NotEnoughTraffic) ? ComparisonVerdict.NotEnoughTraffic
                : ComparisonVerdict.Pass;
            var moreRequests = errors[k].Verdict == ComparisonVerdict.NotEnoughTraffic
                ? Math.Max(1, required[k] - Math.Min(look.ErrorRate.ControlRequests, look.ErrorRate.CandidateRequests)) : 0;
            var moreMinutes = latency[k].Verdict == ComparisonVerdict.NotEnoughTraffic
                ? Math.Max(1, LatencyCheck.MinMinutes - Math.Min(look.Latency.ControlMinutes, look.Latency.CandidateMinutes)) : 0;
            return new SequentialAnalysis(look, errors[k], latency[k], verdict, moreRequests, moreMinutes,
                Summarise(look, errors[k], latency[k], verdict, moreRequests, moreMinutes));
        }).ToList();
    }

    /// <summary>Requests per variant for the last look of the 5XX check, at the look's control rate.</summary>
    public static long RequiredRequests(VariantComparison look)
    {
        ArgumentNullException.ThrowIfNull(look);
        var baseline = Math.Clamp(look.ErrorRate.ControlRate ?? 0, ErrorRateCheck.MinBaselineRate, 0.5);
        return ProportionSampleSize.PerGroup(baseline, 2 * baseline, CheckAlpha, ErrorRateCheck.Power);
    }

    /// <summary>
    /// One check at each of its looks: Fail when the look's z reaches its bound and the difference matters in practice;
    /// Pass once the planned information is in (all of the check's α spent) without failing; otherwise not enough yet.
    /// </summary>
    private static IReadOnlyList<SequentialCheck> Judge(IReadOnlyList<(double Fraction, double Z, bool Material)> looks)
    {
        // Information never shrinks: a window's counts can only grow, whatever the sample size target did meanwhile.
        var fractions = new double[looks.Count];
        for (var k = 0; k < looks.Count; k++)
        {
            fractions[k] = Math.Max(k > 0 ? fractions[k - 1] : 0, double.IsFinite(looks[k].Fraction) ? looks[k].Fraction : 0);
        }
        var bounds = SequentialBoundaries.Upper(fractions, CheckAlpha);
        var checks = new SequentialCheck[looks.Count];
        var counted = 0.0;
        for (var k = 0; k < looks.Count; k++)
        {
            if (double.IsFinite(bounds[k]))
            {
                counted = fractions[k];
            }
            var verdict = looks[k].Material && looks[k].Z >= bounds[k] ? ComparisonVerdict.Fail
                : fractions[k] >= 1 ? ComparisonVerdict.Pass
                : ComparisonVerdict.NotEnoughTraffic;
            checks[k] = new SequentialCheck(verdict, k + 1, fractions[k], looks[k].Z, bounds[k], AlphaSpending.OBrienFleming(CheckAlpha, counted));
        }
        return checks;
    }

    private static string Summarise(VariantComparison latest, SequentialCheck errors, SequentialCheck latency, ComparisonVerdict verdict,
        long moreRequests, int moreMinutes)
    {
        var e = latest.ErrorRate;
        var l = latest.Latency;
        var errorText = $"5XX rate {ComparisonText.Percent(e.CandidateRate)} vs {ComparisonText.Percent(e.ControlRate)} ({Against(errors)})";
        var latencyText = $"p90 latency {ComparisonText.Milliseconds(l.CandidateP90Ms)} vs {ComparisonText.Milliseconds(l.ControlP90Ms)} ({Against(latency)})";
        var look = $"look {errors.Looks}";
        return verdict switch
        {
            ComparisonVerdict.Fail => $"{latest.Candidate}'s {ComparisonText.Worse(errorText, errors.Verdict == ComparisonVerdict.Fail, latencyText, latency.Verdict == ComparisonVerdict.Fail)}, at {look} of the sequential test.",
            ComparisonVerdict.NotEnoughTraffic =>
                $"Not enough traffic for a verdict at {look}: {ComparisonText.Needed(moreRequests, moreMinutes)} needed; so far {errorText}, {latencyText}.",
            _ => $"{latest.Candidate} is not worse than {latest.Control} at {look} of the sequential test: {errorText}, {latencyText}.",
        };
    }

    /// <summary>"z 0.41 < bound 2.96": the look's z against what it had to reach; no bound where a look spends nothing.</summary>
    private static string Against(SequentialCheck check) =>
        !double.IsFinite(check.Z) ? "no spread to test"
        : double.IsFinite(check.Bound)
            ? Invariant($"z {check.Z:0.00} {(check.Z >= check.Bound ? "≥" : "<")} bound {check.Bound:0.00}")
            : Invariant($"z {check.Z:0.00}, judged already");
}
