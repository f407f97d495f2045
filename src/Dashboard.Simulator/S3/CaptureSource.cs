namespace Dashboard.Simulator.S3;

/// <summary>
/// An endpoint's data capture: <c>{DestinationS3Uri path}/{endpoint}/{variant}/yyyy/MM/dd/HH/mm-ss-fff-{uuid}.jsonl</c>
/// (the hour is the invocation hour, UTC), for the last <c>Simulator:CaptureHistoryDays</c> days, each file listed
/// once it has landed. With the bad-input fault on for this endpoint, one file per variant-hour holds two bad lines.
/// </summary>
internal sealed class CaptureSource(CaptureRecords records, string root, TimeSpan history, Func<string?> malformedEndpoint) : IS3Source
{
    public const string ContentType = "application/octet-stream";

    public string Root => root;

    public IEnumerable<S3Entry> List(string prefix, string after, DateTimeOffset now)
    {
        var (first, last) = Hours(now);
        var malformed = IsMalformed();
        foreach (var variant in records.Variants.Order(StringComparer.Ordinal))
        {
            var variantFolder = root + variant + "/";
            if (!S3Keys.MayHold(variantFolder, prefix, after))
            {
                continue;
            }
            for (var hour = first; hour <= last; hour = hour.AddHours(1))
            {
                var folder = variantFolder + S3Keys.HourPath(hour) + "/";
                if (!S3Keys.MayHold(folder, prefix, after))
                {
                    continue;
                }
                var plan = new CaptureHour(records, variant, hour);
                foreach (var file in plan.Files)
                {
                    var key = folder + file.Name;
                    if (file.LandsAt <= now && S3Keys.Matches(key, prefix, after))
                    {
                        yield return Entry(key, plan, file, malformed);
                    }
                }
            }
        }
    }

    public S3Entry? Find(string key, DateTimeOffset now)
    {
        var rest = key[root.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !S3Keys.TryParseHour(rest[(slash + 1)..], out var hour, out var name) || hour.Minute != 0)
        {
            return null;
        }
        var variant = rest[..slash];
        var (first, last) = Hours(now);
        if (hour < first || hour > last || !records.Variants.Contains(variant, StringComparer.Ordinal))
        {
            return null;
        }
        var plan = new CaptureHour(records, variant, hour);
        return plan.FindFile(name) is { } file && file.LandsAt <= now ? Entry(key, plan, file, IsMalformed()) : null;
    }

    private S3Entry Entry(string key, CaptureHour plan, CaptureFile file, bool malformedEndpoint)
    {
        // The second file of the hour (or the only one) carries the bad lines.
        var malformed = malformedEndpoint && file == plan.Files[Math.Min(1, plan.Files.Count - 1)];
        return new S3Entry(key, file.LandsAt, ContentType, () => CaptureWriter.File(records, plan, file, malformed))
        {
            CacheKey = malformed ? key + "#malformed" : key,
        };
    }

    private bool IsMalformed() => string.Equals(malformedEndpoint(), records.Endpoint.Name, StringComparison.Ordinal);

    /// <summary>The invocation hours kept: from the history's start (or the endpoint's creation) to the current hour.</summary>
    private (DateTimeOffset First, DateTimeOffset Last) Hours(DateTimeOffset now)
    {
        var last = SimulatorApp.FloorToHour(now);
        var first = last - history;
        var created = SimulatorApp.FloorToHour(records.Endpoint.CreationTime);
        return (first > created ? first : created, last);
    }
}
