using System.Globalization;
using System.Text;

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
            csv.Append(',').Append(Quote(column.Header));
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
                    // Shortest round-trip form: the file holds the exact numbers, not the rounded display.
                    csv.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Quotes a field when it holds a delimiter, a quote or a line break; quotes inside are doubled.</summary>
    public static string Quote(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }
        return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// A text cell of an export: quoted as needed, and a value a spreadsheet would run as a formula (= + - @, tab,
    /// carriage return) starts with a quote. Null and empty are an empty cell.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return Quote(value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value);
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
