namespace Dashboard.Core.Drift.Summaries;

/// <summary>
/// A mergeable sketch of a feature's numbers with 1 % relative accuracy (logarithmic buckets, the DDSketch idea: a value
/// v &gt; 0 counts in bucket ⌈log_γ v⌉ with γ = (1 + α) / (1 − α)). Two sketches merge exactly by adding bucket counts, so
/// an hour's sketches add up to any window's distribution without reading the records again. No package in the registry
/// offers a mergeable quantile sketch for .NET, hence this one.
/// </summary>
public sealed class NumericSketch
{
    public const double RelativeAccuracy = 0.01;

    /// <summary>Values nearer zero than this count as zero (captured features are rounded far above it).</summary>
    public const double MinMagnitude = 1e-9;

    /// <summary>Buckets kept per sign; beyond it the buckets nearest zero are folded together (never reached by real features).</summary>
    public const int MaxBuckets = 2048;

    public static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly BucketStore _positive = new();
    private readonly BucketStore _negative = new();

    public long ZeroCount { get; private set; }

    public long Count => ZeroCount + _positive.Total + _negative.Total;

    public void Add(double value, long count = 1)
    {
        if (!double.IsFinite(value) || count <= 0)
        {
            return;
        }
        if (Math.Abs(value) < MinMagnitude)
        {
            ZeroCount += count;
        }
        else if (value > 0)
        {
            _positive.Add(Index(value), count);
        }
        else
        {
            _negative.Add(Index(-value), count);
        }
    }

    public void Merge(NumericSketch other)
    {
        ZeroCount += other.ZeroCount;
        _positive.Merge(other._positive);
        _negative.Merge(other._negative);
    }

    /// <summary>The buckets in ascending order of value: each bucket's representative value (within 1 % of all its members) and count.</summary>
    public IEnumerable<(double Value, long Count)> Buckets()
    {
        foreach (var (index, count) in _negative.Ascending().Reverse())
        {
            yield return (-Value(index), count);
        }
        if (ZeroCount > 0)
        {
            yield return (0, ZeroCount);
        }
        foreach (var (index, count) in _positive.Ascending())
        {
            yield return (Value(index), count);
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (0–1), within 1 % of the true one; NaN when empty.</summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }
        var rank = Math.Clamp(q, 0, 1) * (total - 1);
        long seen = 0;
        var last = double.NaN;
        foreach (var (value, count) in Buckets())
        {
            seen += count;
            last = value;
            if (seen > rank)
            {
                return value;
            }
        }
        return last;
    }

    /// <summary>The non-empty buckets as (signed index, count): negative values' indices as -(index) - 1, for the codec.</summary>
    internal (IReadOnlyList<(int Index, long Count)> Positive, IReadOnlyList<(int Index, long Count)> Negative) Raw() =>
        (_positive.Ascending().ToList(), _negative.Ascending().ToList());

    internal void AddRaw(bool negative, int index, long count) => (negative ? _negative : _positive).Add(index, count);

    internal void AddZeros(long count) => ZeroCount += count;

    private static int Index(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) / LogGamma);

    /// <summary>The bucket's representative: the value with the same relative distance to both of its bounds.</summary>
    private static double Value(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    /// <summary>Counts by bucket index in one array that grows as indices arrive (a feature's values span a few hundred).</summary>
    private sealed class BucketStore
    {
        private long[] _counts = [];
        private int _offset;

        public long Total { get; private set; }

        public void Add(int index, long count)
        {
            if (_counts.Length == 0)
            {
                _counts = new long[16];
                _offset = index - 8;
            }
            if (index < _offset || index >= _offset + _counts.Length)
            {
                Grow(index);
            }
            // Folded away below the kept range: counted in the lowest bucket kept.
            _counts[Math.Max(index - _offset, 0)] += count;
            Total += count;
        }

        public void Merge(BucketStore other)
        {
            foreach (var (index, count) in other.Ascending())
            {
                Add(index, count);
            }
        }

        public IEnumerable<(int Index, long Count)> Ascending()
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] > 0)
                {
                    yield return (i + _offset, _counts[i]);
                }
            }
        }

        private void Grow(int index)
        {
            var low = Math.Min(index, _offset);
            var high = Math.Max(index, _offset + _counts.Length - 1);
            var length = Math.Min(Math.Max(_counts.Length * 2, high - low + 1 + 16), MaxBuckets);
            var newOffset = index < _offset ? Math.Max(high - length + 1, low - 8) : _offset;
            if (high - newOffset + 1 > length)
            {
                // Beyond the cap: keep the highest buckets, fold the lowest (nearest zero) into the first kept one.
                newOffset = high - length + 1;
            }
            var counts = new long[length];
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] > 0)
                {
                    counts[Math.Clamp(i + _offset - newOffset, 0, length - 1)] += _counts[i];
                }
            }
            _counts = counts;
            _offset = newOffset;
        }
    }
}
