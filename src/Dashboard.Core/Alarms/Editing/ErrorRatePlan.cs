using System.Globalization;

namespace Dashboard.Core.Alarms.Editing;

/// <summary>
/// How the recommended 5XX-rate alarm fits a variant's traffic. A rate is only as good as the requests behind it: at 20
/// requests a minute one error is 5 %. So a quiet variant is judged over longer periods (each should hold about
/// <see cref="RequestsPerPeriod"/> requests), and a period's rate only counts once it holds <see cref="MinErrors"/>
/// errors: more than a variant failing exactly 1 % of its typical requests would reach in 19 periods out of 20
/// (a Poisson bound), and never fewer than <see cref="FewestErrors"/>.
/// </summary>
public sealed record ErrorRatePlan(int Period, int EvaluationPeriods, int DatapointsToAlarm, int MinErrors, double? TypicalPerMinute)
{
    public const double ThresholdPercent = 1;
    public const int FewestErrors = 5;
    public const int RequestsPerPeriod = 500;
    private const double TailShare = 0.05;

    /// <summary>The periods tried, shortest first, with their N and M (about 5 minutes to alarm on a busy variant, 30 on a quiet one).</summary>
    private static readonly (int Period, int N, int M)[] Steps = [(60, 5, 3), (300, 3, 2), (900, 3, 2)];

    /// <param name="typicalPerMinute">Median requests a minute over the stored history; null when there is none yet.</param>
    public static ErrorRatePlan For(double? typicalPerMinute)
    {
        if (typicalPerMinute is not { } rate || !double.IsFinite(rate) || rate <= 0)
        {
            return new(300, 3, 2, FewestErrors, null);
        }
        var step = Steps.FirstOrDefault(s => rate * s.Period / 60 >= RequestsPerPeriod, Steps[^1]);
        var expected = rate * step.Period / 60 * ThresholdPercent / 100;
        return new(step.Period, step.N, step.M, Math.Max(FewestErrors, PoissonBound(expected, TailShare)), rate);
    }

    /// <summary>The smallest count k with P(X ≥ k) ≤ <paramref name="tail"/> for X ~ Poisson(<paramref name="mean"/>).</summary>
    public static int PoissonBound(double mean, double tail)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        // Summed in log space so a busy variant's e^-mean does not underflow the terms near the mean.
        var logTerm = -mean;
        var below = 0.0;
        for (var k = 0; ; k++)
        {
            below += Math.Exp(logTerm);
            if (1 - below <= tail)
            {
                return k + 1;
            }
            logTerm += Math.Log(mean / (k + 1));
        }
    }

    /// <summary>Requests in a typical period.</summary>
    public double? RequestsPerTypicalPeriod => TypicalPerMinute * Period / 60;

    /// <summary>The recommendation's reason, with the traffic that sized it.</summary>
    public string Why(string variant)
    {
        var window = $"{DatapointsToAlarm} of the last {EvaluationPeriods} periods of {(Period == 60 ? "1 minute" : $"{Period / 60} minutes")}";
        var failing = $"More than 1 % of requests fail inside the model container in {window}, each with at least {MinErrors} errors";
        if (TypicalPerMinute is not { } rate)
        {
            return $"{failing}. {variant} has no stored traffic yet, so 5-minute periods are used; a period without traffic counts as healthy.";
        }
        var perMinute = Number(rate);
        var perPeriod = Number(RequestsPerTypicalPeriod!.Value);
        var noise = $"{MinErrors} errors is more than a steady 1 % of about {perPeriod} requests reaches in 19 periods out of 20";
        return Period == 60
            ? $"{failing}. {variant} serves about {perMinute} requests a minute (median of the stored history): {noise}; "
                + "a minute without traffic counts as healthy."
            : $"{failing}. {variant} serves only about {perMinute} requests a minute (median of the stored history), so one error "
                + $"would be {Number(100 / rate)} % of a minute: each period spans {Period / 60} minutes, {noise}, and stray errors never fire it.";
    }

    private static string Number(double value) => value.ToString(value >= 10 ? "#,0" : "0.#", CultureInfo.InvariantCulture);
}
