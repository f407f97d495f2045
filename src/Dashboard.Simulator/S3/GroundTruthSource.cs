using System.Globalization;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// An endpoint's labels in SageMaker's ground-truth format, one file per hour in which they were collected:
/// <c>ground-truth/{endpoint}/yyyy/MM/dd/HH/labels-{uuid}.jsonl</c>, each line
/// <c>{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"…"},"eventVersion":"0"}</c> where the
/// event id is the captured record's inference id (or its event id when the caller passed none). About a third of
/// the files also hold one label whose id matches no prediction, as real label feeds do.
/// </summary>
internal sealed class GroundTruthSource(CaptureRecords records, string root, TimeSpan history) : IS3Source
{
    public const string Prefix = "ground-truth/";

    /// <summary>Labels collected in an hour are written a few minutes after it ends.</summary>
    public static readonly TimeSpan Delivery = TimeSpan.FromMinutes(65);

    private const int ChName = 10, ChOrphan = 20, ChOrphanAt = 21, ChOrphanId = 30, ChOrphanLabel = 31;

    private readonly ulong _stream = records.VariantStream("ground-truth");

    public string Root => root;

    public IEnumerable<S3Entry> List(string prefix, string after, DateTimeOffset now)
    {
        var (first, last) = Hours(now);
        for (var hour = first; hour <= last; hour = hour.AddHours(1))
        {
            var folder = root + S3Keys.HourPath(hour) + "/";
            if (S3Keys.MayHold(folder, prefix, after) && Entry(folder, hour) is var entry && S3Keys.Matches(entry.Key, prefix, after))
            {
                yield return entry;
            }
        }
    }

    public S3Entry? Find(string key, DateTimeOffset now)
    {
        if (!S3Keys.TryParseHour(key[root.Length..], out var hour, out _) || hour.Minute != 0)
        {
            return null;
        }
        var (first, last) = Hours(now);
        var entry = Entry(root + S3Keys.HourPath(hour) + "/", hour);
        return hour >= first && hour <= last && string.Equals(entry.Key, key, StringComparison.Ordinal) ? entry : null;
    }

    private S3Entry Entry(string folder, DateTimeOffset hour) =>
        new(folder + "labels-" + CaptureRecords.Uuid(_stream, Index(hour), ChName) + ".jsonl", hour + Delivery, "application/octet-stream",
            () => Build(hour));

    /// <summary>
    /// Collection hours written by <paramref name="now"/>, starting a day into the capture history, so that every label
    /// listed belongs to a prediction whose capture file is listed too (the orphans aside), and a few hours after the
    /// endpoint was created (the first labels take two).
    /// </summary>
    private (DateTimeOffset First, DateTimeOffset Last) Hours(DateTimeOffset now)
    {
        var first = SimulatorApp.FloorToHour(now) - history + TimeSpan.FromHours(24);
        var created = SimulatorApp.FloorToHour(records.Endpoint.CreationTime).AddHours(3);
        return (first > created ? first : created, SimulatorApp.FloorToHour(now - Delivery));
    }

    private static long Index(DateTimeOffset hour) => hour.ToUnixTimeSeconds() / 3600;

    /// <summary>Every label collected in the hour: of the records made up to <see cref="CaptureRecords.MaxLabelDelay"/> before it.</summary>
    public byte[] Build(DateTimeOffset collected)
    {
        var labels = new List<(DateTimeOffset At, string Id, string Data)>();
        var end = collected.AddHours(1);
        for (var inferred = collected - TimeSpan.FromHours(24); inferred <= collected; inferred = inferred.AddHours(1))
        {
            foreach (var variant in records.Variants)
            {
                var plan = new CaptureHour(records, variant, inferred);
                double[]? shifts = null;
                for (var m = 0; m < 60; m++)
                {
                    var count = plan.Counts[m];
                    var minute = plan.FirstMinute + m;
                    for (var index = 0; index < count; index++)
                    {
                        var stream = CaptureRecords.RecordStream(plan.Stream, minute, index);
                        if (records.LabelledAt(stream, CaptureRecords.RecordTime(stream, minute, index, count)) is not { } at
                            || at < collected || at >= end)
                        {
                            continue;
                        }
                        shifts ??= records.ShiftsFor(inferred);
                        var record = records.Make(plan.Stream, minute, index, count, shifts);
                        labels.Add((at, record.JoinId, Label(records.Outcome.Truth(record))));
                    }
                }
            }
        }
        labels.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id));
        var hour = Index(collected);
        if (Noise.Uniform(_stream, hour, ChOrphan) < 0.35)
        {
            var id = records.Profile.InferenceIdPrefix is { } prefix
                ? prefix + Noise.Hash(_stream, hour, ChOrphanId).ToString("x16", CultureInfo.InvariantCulture)
                : CaptureRecords.Uuid(_stream, hour, ChOrphanId);
            var position = (int)(Noise.Uniform(_stream, hour, ChOrphanAt) * (labels.Count + 1));
            var value = records.Outcome.Problem == ProblemType.BinaryClassification
                ? Noise.Uniform(_stream, hour, ChOrphanLabel) < 0.3 ? 1 : 0
                : 40 + 10 * Noise.Gaussian(_stream, hour, ChOrphanLabel);
            labels.Insert(position, (collected, id, Label(value)));
        }
        using var text = new AsciiBuffer(labels.Count * 110 + 64);
        foreach (var (_, id, data) in labels)
        {
            text.Append("{\"groundTruthData\":{\"data\":\"").Append(data).Append("\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"")
                .Append(id).Append("\"},\"eventVersion\":\"0\"}\n");
        }
        return text.ToArray();
    }

    private string Label(double truth) => records.Outcome.Problem == ProblemType.BinaryClassification
        ? truth >= 0.5 ? "1" : "0"
        : CaptureWriter.Number(Math.Round(truth, 2));
}
