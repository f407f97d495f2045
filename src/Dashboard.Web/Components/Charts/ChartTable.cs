namespace Dashboard.Web.Components.Charts;

/// <summary>One column of <see cref="ChartTable"/>: a series, or one edge of a band.</summary>
public sealed record ChartTableColumn(string Header, ChartSeriesKind Kind, bool IsUpper);

/// <summary>One timestamp; <see cref="Cells"/> follows <see cref="ChartTable.Columns"/>, null where a series has no point.</summary>
public sealed record ChartTableRow(long TimeMs, IReadOnlyList<double?> Cells);

/// <summary>
/// The chart's numbers as rows: the union of all series' timestamps, in time order, one column per series and
/// two per band. The table view and the CSV both read it, so they always show the same numbers.
/// </summary>
public sealed class ChartTable
{
    private ChartTable(IReadOnlyList<ChartTableColumn> columns, IReadOnlyList<ChartTableRow> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<ChartTableColumn> Columns { get; }

    /// <summary>Oldest first, as the CSV holds them.</summary>
    public IReadOnlyList<ChartTableRow> Rows { get; }

    /// <summary>Newest first, as the table view lists them: the latest minutes are what people look for.</summary>
    public IReadOnlyList<ChartTableRow> NewestFirst => _newestFirst ??= Rows.Reverse().ToList();

    private IReadOnlyList<ChartTableRow>? _newestFirst;

    public static ChartTable Build(ChartModel model)
    {
        var columns = new List<ChartTableColumn>();
        // Per column: the series' points by time (a later duplicate wins, as it would on the chart's tooltip).
        var lookups = new List<(Dictionary<long, ChartPoint> Points, bool IsUpper)>();
        foreach (var series in model.Series)
        {
            var byTime = new Dictionary<long, ChartPoint>(series.Points.Count);
            foreach (var point in series.Points)
            {
                byTime[point.TimeMs] = point;
            }
            if (series.Kind == ChartSeriesKind.BaselineBand)
            {
                columns.Add(new ChartTableColumn($"{series.Name} lower", series.Kind, IsUpper: false));
                lookups.Add((byTime, false));
                columns.Add(new ChartTableColumn($"{series.Name} upper", series.Kind, IsUpper: true));
                lookups.Add((byTime, true));
            }
            else
            {
                columns.Add(new ChartTableColumn(series.Name, series.Kind, IsUpper: false));
                lookups.Add((byTime, false));
            }
        }

        var times = new SortedSet<long>(model.Series.SelectMany(s => s.Points).Select(p => p.TimeMs));
        var rows = new List<ChartTableRow>(times.Count);
        foreach (var time in times)
        {
            var cells = new double?[lookups.Count];
            for (var c = 0; c < lookups.Count; c++)
            {
                var (points, isUpper) = lookups[c];
                if (points.TryGetValue(time, out var point))
                {
                    cells[c] = isUpper ? point.Upper ?? point.Value : point.Value;
                }
            }
            rows.Add(new ChartTableRow(time, cells));
        }
        return new ChartTable(columns, rows);
    }
}
