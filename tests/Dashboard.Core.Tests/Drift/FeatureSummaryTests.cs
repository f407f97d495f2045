using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Tests.Drift;

public sealed class FeatureSummaryTests
{
    [Fact]
    public void Codec_RoundTripsEveryPart()
    {
        var summary = new FeatureSummary();
        foreach (var value in new[] { 1.5, -2, 0, 1e6, 3 })
        {
            summary.AddNumber(value);
        }
        summary.AddCategory("web");
        summary.AddCategory("web");
        summary.AddMissing();

        var back = SummaryCodec.Decode(SummaryCodec.Encode(summary));

        Assert.Equal((summary.Records, summary.Missing, summary.Sum, summary.SumOfSquares, summary.Min, summary.Max),
            (back.Records, back.Missing, back.Sum, back.SumOfSquares, back.Min, back.Max));
        Assert.Equal(summary.Numbers.Buckets(), back.Numbers.Buckets());
        Assert.Equal(2, back.Categories.Counts["web"]);
        Assert.Equal(2, back.WrongType);
    }

    [Fact]
    public void Codec_AnHourOfAFeature_FitsInTwoKilobytes()
    {
        var random = new Random(5);
        var income = new FeatureSummary();
        var share = new FeatureSummary();
        var channel = new FeatureSummary();
        for (var i = 0; i < 5000; i++)
        {
            income.AddNumber(Math.Round(62_000 + 18_000 * NumericSketchTests.Gaussian(random)));
            share.AddNumber(Math.Round(random.NextDouble(), 4));
            channel.AddCategory("channel-" + random.Next(40));
        }

        Assert.All(new[] { income, share, channel }, s => Assert.InRange(SummaryCodec.Encode(s).Length, 1, 2048));
    }

    [Fact]
    public void Decode_TruncatedBytes_SaysSo()
    {
        var bytes = SummaryCodec.Encode(Summary(1, 2, 3));
        Assert.Throws<InvalidDataException>(() => SummaryCodec.Decode(bytes[..^3]));
        Assert.Throws<InvalidDataException>(() => SummaryCodec.Decode([9, 1, 2]));
    }

    [Fact]
    public void MergeAll_AddsCountsAndMoments()
    {
        var merged = FeatureSummary.MergeAll([Summary(1, 2), Summary(10), new FeatureSummary()]);

        Assert.Equal((3L, 13.0, 1.0, 10.0), (merged.Records, merged.Sum, merged.Min, merged.Max));
        Assert.Equal(Math.Sqrt((1 + 4 + 100) / 3.0 - Math.Pow(13 / 3.0, 2)), merged.StdDev, 12);
    }

    [Fact]
    public void CategoryCounts_PastTheCap_CountUnderOther()
    {
        var counts = new CategoryCounts();
        for (var i = 0; i < CategoryCounts.MaxCategories + 10; i++)
        {
            counts.Add("v" + i);
        }

        Assert.Equal(CategoryCounts.MaxCategories + 1, counts.Counts.Count);
        Assert.Equal(10, counts.Counts[CategoryCounts.Other]);
    }

    [Fact]
    public void OutOfDomain_CountsNumbersOutsideTheBaselinesRangeAndUnseenCategories()
    {
        var numbers = DriftMethods.OutOfDomain(Summary(1, 2, 3, 4), Summary(2, 3, 50, -7));
        Assert.Equal(0.5, numbers, 12);

        var before = new FeatureSummary();
        before.AddCategory("web");
        before.AddCategory("branch");
        var now = new FeatureSummary();
        now.AddCategory("web");
        now.AddCategory("partner_api");
        now.AddCategory("partner_api");
        now.AddMissing();
        Assert.Equal(2 / 3.0, DriftMethods.OutOfDomain(before, now), 12);
    }

    [Fact]
    public void Score_UsesTheMethodAndSaysNothingWithoutValues()
    {
        var before = Summary(1, 2, 3, 4);
        var after = Summary(2, 3, 4, 5);

        Assert.Equal(0.25, DriftMethods.Score(DriftMethod.KolmogorovSmirnov, before, after)!.Value, 12);
        Assert.Null(DriftMethods.Score(DriftMethod.Wasserstein, before, new FeatureSummary()));
        Assert.Equal(DriftMethod.Wasserstein, DriftMethods.Default(FeatureType.Numeric).Method);
        Assert.Equal(new DriftSetting(DriftMethod.LInfinity, 0.2), DriftMethods.Default(FeatureType.Categorical, 0.2));
    }

    private static FeatureSummary Summary(params double[] values)
    {
        var summary = new FeatureSummary();
        foreach (var value in values)
        {
            summary.AddNumber(value);
        }
        return summary;
    }
}
