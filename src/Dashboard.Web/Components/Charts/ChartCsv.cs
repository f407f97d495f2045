using System.Globalization;
using System.Text;
using Dashboard.Web.Export;

namespace Dashboard.Web.Components.Charts;

/// <summary>The chart's numbers as RFC 4180 CSV: UTC ISO-8601 times, invariant numbers, CRLF line ends.</summary>
public static class ChartCsv
{
    public static string Build(ChartModel model)
    {
        var table = ChartTable.Build(model);
        var csv = new StringBuilder();
        csv.Append("time");
        foreach (var column in table.Columns)
        {
            // Series names carry endpoint, variant and alarm names, which people choose: text cells like any other.
            csv.Append(',').Append(CsvCell.Text(column.Header));
        }
        csv.Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.Append(ChartFormat.UtcIso(row.TimeMs));
            foreach (var cell in row.Cells)
            {
                csv.Append(',');
                if (cell is { } value && double.IsFinite(value))
                {
                    // The numbers as stored, not the rounded display; 15 significant digits drop the noise a unit conversion
                    // adds (331099.8311 µs is 331.09983109999996 ms as a double, 331.0998311 here).
                    csv.Append(value.ToString("G15", CultureInfo.InvariantCulture));
                }
            }
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>"{MetricId}.csv", with characters a file name cannot hold replaced.</summary>
    public static string FileName(string metricId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(metricId.Select(c => invalid.Contains(c) || c is '\\' or '/' or ':' ? '_' : c).ToArray());
        return (safe.Length == 0 ? "chart" : safe) + ".csv";
    }

    /// <summary>"{prefix}-20261122T1430Z.csv": an export named by when it was taken (UTC).</summary>
    public static string StampedFileName(string prefix, DateTimeOffset now) =>
        $"{prefix}-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture)}.csv";
}
