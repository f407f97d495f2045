using System.Globalization;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>One capture file: the minutes of its hour it holds [First, End), its name and when it lands in S3.</summary>
internal sealed record CaptureFile(int Index, string Name, int FirstMinute, int EndMinute, DateTimeOffset LandsAt, int Records);

/// <summary>
/// One variant-hour of capture: the records of each minute and the files they are written to. SageMaker opens a new
/// file every few minutes (here 4–12 per hour, never empty), names it after the moment it opened (its first record,
/// <c>mm-ss-fff-{uuid}.jsonl</c>) and delivers it a minute or two after it closes.
/// </summary>
internal sealed class CaptureHour
{
    private const int ChFiles = 900, ChCut = 901, ChOpened = 940, ChFileId = 960, ChLands = 980;

    public CaptureHour(CaptureRecords records, string variant, DateTimeOffset hour)
    {
        Variant = variant;
        Hour = hour;
        Stream = records.VariantStream(variant);
        FirstMinute = hour.ToUnixTimeSeconds() / 60;
        Counts = new int[60];
        for (var m = 0; m < 60; m++)
        {
            Counts[m] = records.CountAt(variant, Stream, FirstMinute + m);
        }
        Files = PlanFiles();
    }

    public string Variant { get; }

    public DateTimeOffset Hour { get; }

    public ulong Stream { get; }

    /// <summary>The hour's first minute, in minutes since the Unix epoch.</summary>
    public long FirstMinute { get; }

    /// <summary>Captured records in each minute of the hour.</summary>
    public int[] Counts { get; }

    /// <summary>The non-empty files, in the order they were opened (which is the order of their names).</summary>
    public IReadOnlyList<CaptureFile> Files { get; }

    public int Records => Counts.Sum();

    public CaptureFile? FindFile(string name) => Files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    private List<CaptureFile> PlanFiles()
    {
        var count = 4 + (int)(Noise.Uniform(Stream, FirstMinute, ChFiles) * 9);
        var span = 60.0 / count;
        var cuts = new int[count + 1];
        cuts[count] = 60;
        for (var i = 1; i < count; i++)
        {
            // At least 5 minutes apart (12 files), moved by at most a quarter of that: always increasing.
            cuts[i] = (int)Math.Round(i * span + (Noise.Uniform(Stream, FirstMinute, ChCut + i) - 0.5) * 0.5 * span);
        }
        var files = new List<CaptureFile>(count);
        for (var i = 0; i < count; i++)
        {
            var records = 0;
            var first = -1;
            for (var m = cuts[i]; m < cuts[i + 1]; m++)
            {
                records += Counts[m];
                if (first < 0 && Counts[m] > 0)
                {
                    first = m;
                }
            }
            if (records == 0)
            {
                continue;
            }
            var minute = FirstMinute + first;
            var opened = CaptureRecords.RecordTime(CaptureRecords.RecordStream(Stream, minute, 0), minute, 0, Counts[first])
                .AddMilliseconds(Math.Floor(Noise.Uniform(Stream, FirstMinute, ChOpened + i) * 1000));
            var name = opened.UtcDateTime.ToString("mm-ss-fff", CultureInfo.InvariantCulture) + "-"
                + CaptureRecords.Uuid(Stream, FirstMinute, ChFileId + i) + ".jsonl";
            var lands = Hour.AddMinutes(cuts[i + 1]).AddSeconds(60 + Math.Floor(Noise.Uniform(Stream, FirstMinute, ChLands + i) * 90));
            files.Add(new CaptureFile(i, name, cuts[i], cuts[i + 1], lands, records));
        }
        return files;
    }
}
