using System.Globalization;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// Labels in SageMaker's ground-truth format under <c>ground-truth/{endpoint}/yyyy/MM/dd/HH/</c>, the hour being when
/// they were collected: most 2–6 h after the prediction, a few up to a day later, 70–90 % of predictions labelled,
/// and a few labels that match no prediction.
/// </summary>
public sealed class GroundTruthTests
{
    private static CreditRiskSample.Sample Sample => CreditRiskSample.Value;

    [Fact]
    public void Labels_CollectedHoursAfterThePrediction_MostWithinSixHours()
    {
        var inferred = Sample.RecentBetween(60, 48).ToDictionary(l => l.JoinId, l => l.InferenceTime);

        var lags = Sample.Labels.Where(l => inferred.ContainsKey(l.Label.EventId))
            .Select(l => l.Collected - inferred[l.Label.EventId]).ToList();

        // The folder is the hour the label was collected in, so it can start up to an hour before the collection.
        Assert.All(lags, lag => Assert.InRange(lag, TimeSpan.FromHours(1), TimeSpan.FromHours(23.5)));
        Assert.InRange(lags.Count(lag => lag < TimeSpan.FromHours(6)) / (double)lags.Count, 0.8, 0.95);
        Assert.Contains(lags, lag => lag > TimeSpan.FromHours(12));
    }

    [Fact]
    public void Labels_ADayOrMoreLater_SeventyToNinetyPercentOfPredictionsLabelled()
    {
        var predictions = Sample.RecentBetween(60, 36).ToList();

        var labelled = predictions.Count(p => Sample.ById.ContainsKey(p.JoinId)) / (double)predictions.Count;

        Assert.InRange(labelled, 0.7, 0.9);
    }

    [Fact]
    public void Labels_WithoutAPrediction_AFew()
    {
        // Labels collected from 20 to 8 hours ago come from predictions made up to a day before each.
        var predictions = Sample.Recent.Select(p => p.JoinId).ToHashSet();
        var collected = Sample.Labels.Where(l => l.Collected >= TestClock.Anchor.AddHours(-20) && l.Collected < TestClock.Anchor.AddHours(-8)).ToList();

        var orphans = collected.Where(l => !predictions.Contains(l.Label.EventId)).ToList();

        Assert.InRange(orphans.Count, 1, 10);
        Assert.All(orphans, o => Assert.Matches("^loan-app-[0-9a-f]{16}$", o.Label.EventId));
        Assert.True(orphans.Count < 0.001 * collected.Count);
    }

    [Fact]
    public void Labels_Format_BinaryLabelsKeyedByInferenceId()
    {
        var files = TestBucket.Create().List(TestBucket.CreditLabels);

        Assert.All(files, f => Assert.Matches(@"^ground-truth/credit-risk/\d{4}/\d\d/\d\d/\d\d/labels-[0-9a-f-]{36}\.jsonl$", f.Key));
        // The first collection hour is a day into the 8-day capture history; the last one ended before now.
        Assert.Equal(TestClock.Anchor.AddDays(-7), TestBucket.HourOf(files[0].Key, TestBucket.CreditLabels));
        Assert.Equal(TestClock.Anchor.AddHours(-1), TestBucket.HourOf(files[^1].Key, TestBucket.CreditLabels));
        Assert.All(files, f => Assert.Equal(TestBucket.HourOf(f.Key, TestBucket.CreditLabels).AddMinutes(65), f.LastModified));
        Assert.All(Sample.Labels, l => Assert.Contains(l.Label.Data, new[] { "0", "1" }));
        Assert.InRange(Sample.Labels.Count(l => l.Label.Data == "1") / (double)Sample.Labels.Count, 0.25, 0.5);
    }

    [Fact]
    public void PricingAb_RegressionLabels_JoinOnEventIds()
    {
        var bucket = TestBucket.Create();
        var hour = TestClock.Anchor.AddHours(-30);
        var predictions = bucket.Capture("datacapture/pricing-ab/pricing-ab/VariantB/", hour, hour.AddHours(2)).ToDictionary(p => p.EventId);

        var labels = bucket.Labels("ground-truth/pricing-ab/").Where(l => predictions.ContainsKey(l.Label.EventId)).ToList();

        Assert.InRange(labels.Count / (double)predictions.Count, 0.7, 0.9);
        Assert.All(labels, l => Assert.True(double.Parse(l.Label.Data, CultureInfo.InvariantCulture) > 1, l.Label.Data));
    }
}
