namespace Dashboard.Simulator.Scenario;

/// <summary>
/// Stateless noise: every value is a hash of (seed, stream, minute, channel), so any point can be computed
/// on its own, in any order, with no shared Random and no allocation. SplitMix64's finaliser mixes well enough
/// that neighbouring minutes look independent.
/// </summary>
public static class Noise
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Hash(ulong stream, long minute, int channel) =>
        Mix(stream ^ Mix((ulong)minute * 0x2545F4914F6CDD1DUL + (ulong)channel));

    /// <summary>Uniform in [0, 1).</summary>
    public static double Uniform(ulong stream, long minute, int channel) =>
        (Hash(stream, minute, channel) >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Approximately standard normal, bounded to ±3.46: the sum of four 16-bit uniforms (Irwin–Hall) from one hash.
    /// Bounded tails are a feature here: no single minute produces an absurd spike by accident.
    /// </summary>
    public static double Gaussian(ulong stream, long minute, int channel)
    {
        var h = Hash(stream, minute, channel);
        var sum = (h & 0xFFFF) + ((h >> 16) & 0xFFFF) + ((h >> 32) & 0xFFFF) + (h >> 48);
        return (sum / 65536.0 - 2.0) * 1.7320508075688772;
    }

    /// <summary>Smooth noise (about N(0,1)) that wanders over <paramref name="knotMinutes"/>-minute knots.</summary>
    public static double Smooth(ulong stream, long minute, int channel, int knotMinutes)
    {
        var knot = Math.DivRem(minute, knotMinutes, out var rem);
        if (rem < 0)
        {
            knot--;
            rem += knotMinutes;
        }
        var f = (double)rem / knotMinutes;
        f = f * f * (3 - 2 * f);
        var a = Gaussian(stream, knot, channel);
        var b = Gaussian(stream, knot + 1, channel);
        return a + (b - a) * f;
    }

    /// <summary>A stable 64-bit hash of a name (string.GetHashCode is randomised per process).</summary>
    public static ulong OfName(string name)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in name)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }
        return Mix(h);
    }

    /// <summary>Rounds <paramref name="expected"/> up or down with probability given by its fraction, deterministically.</summary>
    public static long StochasticRound(double expected, ulong stream, long minute, int channel)
    {
        if (expected <= 0)
        {
            return 0;
        }
        var floor = Math.Floor(expected);
        return (long)floor + (Uniform(stream, minute, channel) < expected - floor ? 1 : 0);
    }
}
