using System.Text;

namespace Dashboard.Core.Drift.Summaries;

/// <summary>
/// A feature summary as stored: a version byte, varint counts, the moments as doubles, the sketch's buckets as
/// (index delta, count) varint pairs and the categories as (UTF-8 value, count). A feature-hour takes a few hundred bytes.
/// </summary>
public static class SummaryCodec
{
    private const byte Version = 1;

    public static byte[] Encode(FeatureSummary summary)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Version);
        writer.Write7BitEncodedInt64(summary.Records);
        writer.Write7BitEncodedInt64(summary.Missing);
        var hasNumbers = summary.Numbers.Count > 0;
        writer.Write(hasNumbers);
        if (hasNumbers)
        {
            writer.Write(summary.Sum);
            writer.Write(summary.SumOfSquares);
            writer.Write(summary.Min);
            writer.Write(summary.Max);
            writer.Write7BitEncodedInt64(summary.Numbers.ZeroCount);
            var (positive, negative) = summary.Numbers.Raw();
            WriteBuckets(writer, positive);
            WriteBuckets(writer, negative);
        }
        writer.Write7BitEncodedInt(summary.Categories.Counts.Count);
        foreach (var (value, count) in summary.Categories.Counts)
        {
            writer.Write(value);
            writer.Write7BitEncodedInt64(count);
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a summary this version wrote.</exception>
    public static FeatureSummary Decode(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadByte() != Version)
            {
                throw new InvalidDataException("Unknown feature summary version.");
            }
            var summary = new FeatureSummary();
            var records = reader.Read7BitEncodedInt64();
            var missing = reader.Read7BitEncodedInt64();
            if (reader.ReadBoolean())
            {
                var (sum, squares, min, max) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
                summary.Numbers.AddZeros(reader.Read7BitEncodedInt64());
                ReadBuckets(reader, summary.Numbers, negative: false);
                ReadBuckets(reader, summary.Numbers, negative: true);
                summary.Restore(records, missing, sum, squares, min, max);
            }
            else
            {
                summary.Restore(records, missing, 0, 0, double.PositiveInfinity, double.NegativeInfinity);
            }
            var categories = reader.Read7BitEncodedInt();
            for (var i = 0; i < categories; i++)
            {
                summary.Categories.Add(reader.ReadString(), reader.Read7BitEncodedInt64());
            }
            return summary;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("A feature summary was cut short.", e);
        }
    }

    private static void WriteBuckets(BinaryWriter writer, IReadOnlyList<(int Index, long Count)> buckets)
    {
        writer.Write7BitEncodedInt(buckets.Count);
        var previous = 0;
        foreach (var (index, count) in buckets)
        {
            var delta = index - previous;
            writer.Write7BitEncodedInt((delta << 1) ^ (delta >> 31));
            writer.Write7BitEncodedInt64(count);
            previous = index;
        }
    }

    private static void ReadBuckets(BinaryReader reader, NumericSketch sketch, bool negative)
    {
        var count = reader.Read7BitEncodedInt();
        var index = 0;
        for (var i = 0; i < count; i++)
        {
            var zigzag = reader.Read7BitEncodedInt();
            index += (int)((uint)zigzag >> 1) ^ -(zigzag & 1);
            sketch.AddRaw(negative, index, reader.Read7BitEncodedInt64());
        }
    }
}
