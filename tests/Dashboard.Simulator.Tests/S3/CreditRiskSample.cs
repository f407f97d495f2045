namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// credit-risk's captured predictions of a day before the drift began and of the last two and a half days, with every
/// label collected since, read once for the tests that join them (reading days of capture is the slow part).
/// </summary>
internal static class CreditRiskSample
{
    private static readonly Lazy<Sample> Loaded = new(Load);

    public static Sample Value => Loaded.Value;

    /// <param name="Early">Inferred in [anchor − 5 d, anchor − 4 d): a day before the drift began (3 days before the anchor).</param>
    /// <param name="Recent">Inferred in [anchor − 60 h, anchor − 6 h).</param>
    /// <param name="Labels">Every label collected in [anchor − 5 d, anchor), with its collection hour.</param>
    public sealed record Sample(List<CaptureLine> Early, List<CaptureLine> Recent, List<(LabelLine Label, DateTimeOffset Collected)> Labels)
    {
        public Dictionary<string, LabelLine> ById { get; } = Labels.ToDictionary(l => l.Label.EventId, l => l.Label);

        public IEnumerable<CaptureLine> RecentBetween(int fromHoursAgo, int toHoursAgo) => Recent.Where(l =>
            l.InferenceTime >= TestClock.Anchor.AddHours(-fromHoursAgo) && l.InferenceTime < TestClock.Anchor.AddHours(-toHoursAgo));
    }

    private static Sample Load()
    {
        var bucket = TestBucket.Create();
        var anchor = TestClock.Anchor;
        var early = bucket.Capture(TestBucket.CreditCapture, anchor.AddDays(-5), anchor.AddDays(-4));
        var recent = bucket.Capture(TestBucket.CreditCapture, anchor.AddHours(-60), anchor.AddHours(-6));
        var labels = bucket.Labels(TestBucket.CreditLabels).Where(l => l.Collected >= anchor.AddDays(-5)).ToList();
        return new Sample(early, recent, labels);
    }
}

/// <summary>Quality of scored predictions against 0/1 labels, computed here independently of the simulator.</summary>
internal static class Quality
{
    public static double Accuracy(IReadOnlyList<(double Score, int Label)> pairs) =>
        pairs.Count(p => (p.Score >= 0.5 ? 1 : 0) == p.Label) / (double)pairs.Count;

    /// <summary>ROC AUC as the Mann–Whitney statistic: the chance a positive outscores a negative (ties count half).</summary>
    public static double Auc(IReadOnlyList<(double Score, int Label)> pairs)
    {
        var ranked = pairs.OrderBy(p => p.Score).ToList();
        double rankSum = 0;
        for (var i = 0; i < ranked.Count;)
        {
            var j = i;
            while (j < ranked.Count && ranked[j].Score == ranked[i].Score)
            {
                j++;
            }
            var averageRank = (i + 1 + j) / 2.0;
            rankSum += averageRank * ranked.Skip(i).Take(j - i).Count(p => p.Label == 1);
            i = j;
        }
        double positives = pairs.Count(p => p.Label == 1);
        var negatives = pairs.Count - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    public static List<(double Score, int Label)> Join(IEnumerable<CaptureLine> predictions, IReadOnlyDictionary<string, LabelLine> labels) =>
        [.. predictions.Where(p => labels.ContainsKey(p.JoinId)).Select(p => (p.Prediction, labels[p.JoinId].Data == "1" ? 1 : 0))];
}
