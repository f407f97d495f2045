using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// A data-quality schedule's hourly reports, <c>model-monitor/reports/{endpoint}/{schedule}/yyyy/MM/dd/HH/</c>
/// <c>statistics.json</c> and <c>constraint_violations.json</c>, written <see cref="S3Catalog.ReportDelay"/> after the top
/// of each hour an execution ran, over the capture history.
/// </summary>
internal sealed class MonitorReportsSource(S3MonitorReports reports, EndpointProfile endpoint, string root, TimeSpan history) : IS3Source
{
    public const string Statistics = "statistics.json";
    public const string Violations = "constraint_violations.json";

    public string Root => root;

    public IEnumerable<S3Entry> List(string prefix, string after, DateTimeOffset now)
    {
        var (first, last) = Hours(now);
        for (var hour = first; hour <= last; hour = hour.AddHours(1))
        {
            var folder = root + S3Keys.HourPath(hour) + "/";
            if (!S3Keys.MayHold(folder, prefix, after) || reports.DriftAt(hour) is null)
            {
                continue;
            }
            // "constraint_violations.json" sorts before "statistics.json".
            foreach (var entry in new[] { Entry(folder, Violations, hour), Entry(folder, Statistics, hour) })
            {
                if (S3Keys.Matches(entry.Key, prefix, after))
                {
                    yield return entry;
                }
            }
        }
    }

    public S3Entry? Find(string key, DateTimeOffset now)
    {
        if (!S3Keys.TryParseHour(key[root.Length..], out var hour, out var name) || hour.Minute != 0 || name is not (Statistics or Violations))
        {
            return null;
        }
        var (first, last) = Hours(now);
        return hour >= first && hour <= last && reports.DriftAt(hour) is not null
            ? Entry(root + S3Keys.HourPath(hour) + "/", name, hour)
            : null;
    }

    private S3Entry Entry(string folder, string name, DateTimeOffset execution) =>
        new(folder + name, execution + S3Catalog.ReportDelay, "application/json",
            name == Statistics ? () => reports.Statistics(execution) : () => reports.Violations(execution));

    private (DateTimeOffset First, DateTimeOffset Last) Hours(DateTimeOffset now)
    {
        var last = SimulatorApp.FloorToHour(now - S3Catalog.ReportDelay);
        var first = SimulatorApp.FloorToHour(now) - history;
        var created = SimulatorApp.FloorToHour(endpoint.CreationTime);
        return (first > created ? first : created, last);
    }
}
