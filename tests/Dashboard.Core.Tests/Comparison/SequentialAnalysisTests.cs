using Dashboard.Core.Comparison;
using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Tests.Comparison;

/// <summary>
/// The gated canary's step rule, judged look after look on simulated traffic (seeded, so every run of the test sees the
/// same numbers): a 10 % canary of 500 requests a minute with a 0.5 % 5XX rate and a ~40 ms p90, looked at every 10 minutes.
/// </summary>
public sealed class SequentialAnalysisTests
{
    private const int ControlPerMinute = 450;
    private const int CandidatePerMinute = 50;
    private const double ErrorRate = 0.005;
    private const int LookMinutes = 10;
    private const int MaxLooks = 16;

    private static readonly DateTimeOffset From = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EachLook_GoodCandidateJudgedAtEveryHold_FailsNoMoreOftenThanAlphaWhileFixedAlphaLooksFailItFarMoreOften()
    {
        var random = new Random(20261207);
        int sequentialFailures = 0, fixedAlphaFailures = 0, looks = 0;
        const int runs = 2_000;

        for (var run = 0; run < runs; run++)
        {
            var step = Simulate(random, ErrorRate, latencyFactor: 1);
            var judged = SequentialAnalysis.EachLook(step);
            var end = judged.ToList().FindIndex(a => a.Verdict != ComparisonVerdict.NotEnoughTraffic);
            sequentialFailures += end >= 0 && judged[end].Verdict == ComparisonVerdict.Fail ? 1 : 0;
            looks += end >= 0 ? end + 1 : MaxLooks;
            // The rule before: each look's fixed-sample comparison at α 0.05 until one gives a verdict.
            var naive = step.FirstOrDefault(c => c.Verdict != ComparisonVerdict.NotEnoughTraffic);
            fixedAlphaFailures += naive?.Verdict == ComparisonVerdict.Fail ? 1 : 0;
        }

        var rate = (double)sequentialFailures / runs;
        // Two standard errors of a 2,000-run estimate at 5 % is about 1 percentage point.
        Assert.True(rate <= SequentialAnalysis.Alpha + 0.01, $"a good candidate failed {rate:P1} of {runs} steps");
        Assert.True((double)looks / runs >= 8, $"only {(double)looks / runs:0.0} looks a step: not the many looks this is about");
        Assert.True(fixedAlphaFailures > 2 * sequentialFailures && fixedAlphaFailures > 0.08 * runs,
            $"fixed α per look failed {fixedAlphaFailures} of {runs}, the sequential rule {sequentialFailures}");
    }

    [Theory]
    [InlineData(3 * ErrorRate, 1.0)]
    [InlineData(ErrorRate, 1.3)]
    public void EachLook_ClearlyWorseCandidate_FailsAlmostEveryStep(double candidateErrorRate, double latencyFactor)
    {
        var random = new Random(7);
        const int runs = 300;
        var failures = 0;

        for (var run = 0; run < runs; run++)
        {
            var judged = SequentialAnalysis.EachLook(Simulate(random, candidateErrorRate, latencyFactor));
            failures += judged.FirstOrDefault(a => a.Verdict != ComparisonVerdict.NotEnoughTraffic)?.Verdict == ComparisonVerdict.Fail ? 1 : 0;
        }

        Assert.True(failures >= 0.95 * runs, $"a clearly worse candidate failed only {failures} of {runs} steps");
    }

    [Fact]
    public void Of_ShortOfTraffic_SaysTheLookAndWhatIsStillNeeded()
    {
        var analysis = SequentialAnalysis.Of([Look(1, 4_500, 22, 500, 3, Minutes(9, 40), Minutes(9, 40))]);

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, analysis.Verdict);
        Assert.Equal(SequentialAnalysis.RequiredRequests(analysis.Latest) - 500, analysis.MoreRequestsNeeded);
        Assert.Equal(1, analysis.MoreMinutesNeeded);
        Assert.StartsWith("Not enough traffic for a verdict at look 1: about ", analysis.Summary, StringComparison.Ordinal);
        Assert.Contains("more requests per variant and 1 more minutes with traffic needed; so far 5XX rate 0.6 % vs 0.49 % (z ", analysis.Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OverwhelmingDifferenceAtTheFirstLook_FailsNamingTheBound()
    {
        var analysis = SequentialAnalysis.Of([Look(1, 4_500, 22, 500, 40, Minutes(9, 40), Minutes(9, 40))]);

        Assert.Equal(ComparisonVerdict.Fail, analysis.Verdict);
        Assert.Equal(ComparisonVerdict.Fail, analysis.ErrorRate.Verdict);
        Assert.True(analysis.ErrorRate.Bound > 3, $"bound {analysis.ErrorRate.Bound}");
        Assert.Matches(@"^AllTraffic-canary's 5XX rate 8 % vs 0\.49 % \(z \d+\.\d\d ≥ bound \d\.\d\d\): worse, at look 1 of the sequential test\.$", analysis.Summary);
    }

    /// <summary>One step: a look every 10 minutes on all the traffic since the step began, up to <see cref="MaxLooks"/>.</summary>
    private static List<VariantComparison> Simulate(Random random, double candidateErrorRate, double latencyFactor)
    {
        var looks = new List<VariantComparison>();
        var controlMinutes = new List<MinuteLatency>();
        var candidateMinutes = new List<MinuteLatency>();
        long controlErrors = 0, candidateErrors = 0;
        for (var minute = 1; minute <= MaxLooks * LookMinutes; minute++)
        {
            controlErrors += Binomial.Sample(random, ErrorRate, ControlPerMinute);
            candidateErrors += Binomial.Sample(random, candidateErrorRate, CandidatePerMinute);
            controlMinutes.Add(new MinuteLatency(minute * 60L, 40 * Math.Exp(0.1 * Normal.Sample(random, 0, 1)), ControlPerMinute));
            candidateMinutes.Add(new MinuteLatency(minute * 60L, 40 * latencyFactor * Math.Exp(0.1 * Normal.Sample(random, 0, 1)), CandidatePerMinute));
            if (minute % LookMinutes == 0)
            {
                looks.Add(Look(minute, (long)minute * ControlPerMinute, controlErrors, (long)minute * CandidatePerMinute, candidateErrors,
                    controlMinutes, candidateMinutes));
            }
        }
        return looks;
    }

    private static VariantComparison Look(int minutes, long controlRequests, long controlErrors, long candidateRequests, long candidateErrors,
        IEnumerable<MinuteLatency> control, IEnumerable<MinuteLatency> candidate) =>
        VariantComparison.Of("churn-prod", "AllTraffic", "AllTraffic-canary", From, From.AddMinutes(minutes),
            ErrorRateCheck.Evaluate(controlRequests, controlErrors, candidateRequests, candidateErrors), LatencyCheck.Evaluate(control, candidate));

    private static List<MinuteLatency> Minutes(int count, double p90) =>
        Enumerable.Range(0, count).Select(i => new MinuteLatency(60L * i, p90 + i % 3 * 0.1, 100)).ToList();
}
