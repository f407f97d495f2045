using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Tests.Drift;

public sealed class NumericSketchTests
{
    [Fact]
    public void Quantile_IsWithinOnePercentOfTheExactOne()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(random.NextDouble() * 10 - 3)).ToArray();
        var sketch = new NumericSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }
        Array.Sort(values);

        foreach (var q in new[] { 0.01, 0.1, 0.5, 0.9, 0.99 })
        {
            var exact = values[(int)(q * (values.Length - 1))];
            Assert.InRange(sketch.Quantile(q), exact * 0.99, exact * 1.01);
        }
    }

    [Fact]
    public void Merge_EqualsTheSketchOfAllTheValues()
    {
        var random = new Random(3);
        var first = Enumerable.Range(0, 500).Select(_ => random.NextDouble() * 200 - 100).ToArray();
        var second = Enumerable.Range(0, 700).Select(_ => random.NextDouble() * 1e6).Append(0).ToArray();
        var a = Sketch(first);
        var b = Sketch(second);

        a.Merge(b);

        Assert.Equal(Sketch(first.Concat(second)).Buckets(), a.Buckets());
        Assert.Equal(1201, a.Count);
    }

    [Fact]
    public void Buckets_AreAscendingAcrossNegativeZeroAndPositive()
    {
        var buckets = Sketch([5, -3, 0, -100, 0.5, 0]).Buckets().ToList();

        Assert.Equal(buckets.OrderBy(b => b.Value), buckets);
        Assert.Equal(2, buckets.Single(b => b.Value == 0).Count);
        Assert.InRange(buckets[0].Value, -101, -99);
    }

    [Fact]
    public void Add_IgnoresNaNAndInfinity()
    {
        var sketch = Sketch([double.NaN, double.PositiveInfinity, 1]);
        Assert.Equal(1, sketch.Count);
    }

    [Fact]
    public void KolmogorovSmirnov_FromSketches_IsCloseToTheExactStatistic()
    {
        var random = new Random(11);
        var before = Enumerable.Range(0, 5000).Select(_ => 0.32 + 0.09 * Gaussian(random)).ToArray();
        var after = Enumerable.Range(0, 5000).Select(_ => 0.36 + 0.09 * Gaussian(random)).ToArray();

        var exact = DriftDistances.KolmogorovSmirnov(NumericDistribution.Of(before), NumericDistribution.Of(after));
        var sketched = DriftDistances.KolmogorovSmirnov(NumericDistribution.Of(Sketch(before)), NumericDistribution.Of(Sketch(after)));

        Assert.InRange(sketched, exact - 0.02, exact + 0.02);
        Assert.InRange(exact, 0.12, 0.22);
    }

    [Fact]
    public void Growth_PastTheBucketCap_FoldsTheSmallestMagnitudes()
    {
        var sketch = new NumericSketch();
        for (var exponent = -9; exponent <= 300; exponent++)
        {
            sketch.Add(Math.Pow(10, exponent));
        }

        Assert.Equal(310, sketch.Count);
        Assert.True(sketch.Buckets().Count() <= NumericSketch.MaxBuckets);
        Assert.InRange(sketch.Quantile(1), 0.99e300, 1.01e300);
    }

    internal static NumericSketch Sketch(IEnumerable<double> values)
    {
        var sketch = new NumericSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }
        return sketch;
    }

    internal static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
