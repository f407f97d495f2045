using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Comparison;

/// <param name="Z">Positive when the candidate's rate is higher.</param>
/// <param name="PValue">One-sided: the chance of a candidate rate this much higher if both rates were the same.</param>
public readonly record struct TwoProportionResult(double Z, double PValue);

/// <summary>The pooled two-proportion z-test, one-sided: is the candidate's proportion higher than the control's?</summary>
public static class TwoProportionTest
{
    /// <summary>
    /// Tests <paramref name="candidateEvents"/> / <paramref name="candidateTrials"/> against the control's. Without trials on
    /// either side, or when the pooled proportion is 0 or 1 (no spread to test), there is no evidence: z 0, p 1.
    /// </summary>
    public static TwoProportionResult CandidateHigher(double controlEvents, double controlTrials, double candidateEvents, double candidateTrials)
    {
        if (!(controlTrials > 0) || !(candidateTrials > 0))
        {
            return new TwoProportionResult(0, 1);
        }
        var pooled = (controlEvents + candidateEvents) / (controlTrials + candidateTrials);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1 / controlTrials + 1 / candidateTrials));
        if (!(standardError > 0))
        {
            return new TwoProportionResult(0, 1);
        }
        var z = (candidateEvents / candidateTrials - controlEvents / controlTrials) / standardError;
        // The upper tail from the lower one: 1 − Φ(z) would round to 0 long before Φ(−z) does.
        return new TwoProportionResult(z, Normal.CDF(0, 1, -z));
    }
}
