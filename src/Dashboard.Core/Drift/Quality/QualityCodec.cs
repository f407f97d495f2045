using System.Text;

namespace Dashboard.Core.Drift.Quality;

/// <summary>A quality summary as stored: a version byte, the counts and sums, and the non-empty score bins as (index, count).</summary>
public static class QualityCodec
{
    private const byte Version = 1;

    public static byte[] Encode(QualitySummary s)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Version);
        foreach (var count in new[] { s.TruePositives, s.FalsePositives, s.TrueNegatives, s.FalseNegatives, s.Count })
        {
            writer.Write7BitEncodedInt64(count);
        }
        foreach (var sum in new[] { s.SumError, s.SumAbsoluteError, s.SumSquaredError, s.SumFourthPowerError, s.SumLabel, s.SumSquaredLabel })
        {
            writer.Write(sum);
        }
        WriteBins(writer, s.PositiveScores);
        WriteBins(writer, s.NegativeScores);
        writer.Flush();
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a summary this version wrote.</exception>
    public static QualitySummary Decode(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadByte() != Version)
            {
                throw new InvalidDataException("Unknown quality summary version.");
            }
            var s = new QualitySummary
            {
                TruePositives = reader.Read7BitEncodedInt64(),
                FalsePositives = reader.Read7BitEncodedInt64(),
                TrueNegatives = reader.Read7BitEncodedInt64(),
                FalseNegatives = reader.Read7BitEncodedInt64(),
                Count = reader.Read7BitEncodedInt64(),
                SumError = reader.ReadDouble(),
                SumAbsoluteError = reader.ReadDouble(),
                SumSquaredError = reader.ReadDouble(),
                SumFourthPowerError = reader.ReadDouble(),
                SumLabel = reader.ReadDouble(),
                SumSquaredLabel = reader.ReadDouble(),
            };
            ReadBins(reader, s.PositiveScores);
            ReadBins(reader, s.NegativeScores);
            return s;
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("A quality summary was cut short or is damaged.", e);
        }
    }

    private static void WriteBins(BinaryWriter writer, long[] bins)
    {
        writer.Write7BitEncodedInt(bins.Count(b => b > 0));
        for (var i = 0; i < bins.Length; i++)
        {
            if (bins[i] > 0)
            {
                writer.Write7BitEncodedInt(i);
                writer.Write7BitEncodedInt64(bins[i]);
            }
        }
    }

    private static void ReadBins(BinaryReader reader, long[] bins)
    {
        var count = reader.Read7BitEncodedInt();
        for (var i = 0; i < count; i++)
        {
            bins[reader.Read7BitEncodedInt()] = reader.Read7BitEncodedInt64();
        }
    }
}
