using static System.FormattableString;

namespace Dashboard.Core.Comparison;

/// <summary>
/// A candidate variant compared with a control variant of the same endpoint over [<see cref="From"/>, <see cref="To"/>):
/// each check's numbers and verdict, the overall verdict (any Fail fails; otherwise any check short of traffic is not
/// enough traffic; otherwise Pass) and a one-line <see cref="Summary"/> in plain words.
/// </summary>
public sealed record VariantComparison(
    string Endpoint,
    string Control,
    string Candidate,
    DateTimeOffset From,
    DateTimeOffset To,
    ErrorRateComparison ErrorRate,
    LatencyComparison Latency,
    ComparisonVerdict Verdict,
    string Summary)
{
    /// <summary>The rules of both checks in one sentence each, for a page to state.</summary>
    public static string Rules { get; } = string.Concat(
        Invariant($"5XX rate: one-sided two-proportion z-test at α {ErrorRateCheck.Alpha}; fails when the candidate's rate is higher with p < {ErrorRateCheck.Alpha} "),
        Invariant($"and it has at least {ErrorRateCheck.MinCandidateErrors} errors, passes once each variant has the requests needed to see the control's rate "),
        Invariant($"(taken as at least {ErrorRateCheck.MinBaselineRate * 100} %) double with power {ErrorRateCheck.Power}. "),
        "Latency: each variant's p90 is the request-weighted median of its minute p90s; fails when the candidate's is more than ",
        Invariant($"{LatencyCheck.MaxSlowdown * 100} % and {LatencyCheck.MinSlowdownMs} ms higher and a one-sided Mann–Whitney U test on the minute p90s "),
        Invariant($"finds it higher at α {LatencyCheck.Alpha}; needs {LatencyCheck.MinMinutes} minutes with traffic per variant."));

    /// <summary>Requests per variant still needed for an error-rate verdict; 0 when it has one.</summary>
    public long MoreRequestsNeeded => ErrorRate.MoreRequestsNeeded;

    /// <summary>Minutes with traffic per variant still needed for a latency verdict; 0 when it has one.</summary>
    public int MoreMinutesNeeded => Latency.MoreMinutesNeeded;

    public static VariantComparison Of(string endpoint, string control, string candidate, DateTimeOffset from, DateTimeOffset to,
        ErrorRateComparison errorRate, LatencyComparison latency)
    {
        ArgumentNullException.ThrowIfNull(errorRate);
        ArgumentNullException.ThrowIfNull(latency);
        ComparisonVerdict[] verdicts = [errorRate.Verdict, latency.Verdict];
        var verdict = verdicts.Contains(ComparisonVerdict.Fail) ? ComparisonVerdict.Fail
            : verdicts.Contains(ComparisonVerdict.NotEnoughTraffic) ? ComparisonVerdict.NotEnoughTraffic
            : ComparisonVerdict.Pass;
        return new VariantComparison(endpoint, control, candidate, from, to, errorRate, latency, verdict,
            Summarise(control, candidate, errorRate, latency, verdict));
    }

    private static string Summarise(string control, string candidate, ErrorRateComparison errors, LatencyComparison latency, ComparisonVerdict verdict)
    {
        var errorText = $"5XX rate {ComparisonText.Percent(errors.CandidateRate)} vs {ComparisonText.Percent(errors.ControlRate)} ({ComparisonText.PValue(errors.PValue)})";
        var latencyText = $"p90 latency {ComparisonText.Milliseconds(latency.CandidateP90Ms)} vs {ComparisonText.Milliseconds(latency.ControlP90Ms)} ({ComparisonText.PValue(latency.PValue)})";
        return verdict switch
        {
            ComparisonVerdict.Fail => $"{candidate}'s {ComparisonText.Worse(errorText, errors.Verdict == ComparisonVerdict.Fail, latencyText, latency.Verdict == ComparisonVerdict.Fail)}",
            ComparisonVerdict.NotEnoughTraffic =>
                $"Not enough traffic yet to compare {candidate} with {control}: {ComparisonText.Needed(errors.MoreRequestsNeeded, latency.MoreMinutesNeeded)} needed",
            _ => $"{candidate} is not worse than {control}: {errorText}, {latencyText}",
        };
    }
}
