using System.Globalization;
using Dashboard.Web.Components.Charts;
using static Dashboard.Web.Tests.Charts.ChartTestData;

namespace Dashboard.Web.Tests.Charts;

public sealed class ChartCsvTests
{
    [Fact]
    public void Build_HeaderHasTimeThenOneColumnPerSeriesAndTwoPerBand()
    {
        var lines = Lines(ChartCsv.Build(CpuModel()));

        Assert.Equal("time,Baseline lower,Baseline upper,Yesterday,variant-a,Outside baseline", lines[0]);
    }

    [Fact]
    public void Build_RowsUseUtcIsoTimesAndLeaveMissingCellsEmpty()
    {
        var lines = Lines(ChartCsv.Build(CpuModel()));

        Assert.Equal(4, lines.Length);
        Assert.Equal("2025-06-01T00:00:00.000Z,10,30,19,20.5,", lines[1]);
        Assert.Equal("2025-06-01T00:01:00.000Z,11,31,20,45.25,45.25", lines[2]);
    }

    [Fact]
    public void Build_UsesCrLfLineEnds()
    {
        var csv = ChartCsv.Build(CpuModel());

        Assert.EndsWith("\r\n", csv);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_QuotesNamesWithCommasQuotesAndLineBreaks()
    {
        var model = new ChartModel("m", "M", "ms",
            [
                new ChartSeries("p99, \"prod\"", ChartSeriesKind.Line, [new(T0, 1)]),
                new ChartSeries("two\nlines", ChartSeriesKind.Line, [new(T0, 2)]),
            ],
            []);

        var header = ChartCsv.Build(model).Split("\r\n")[0];

        Assert.Equal("time,\"p99, \"\"prod\"\"\",\"two\nlines\"", header);
    }

    [Fact]
    public void Build_WritesInvariantNumbersWhateverTheCurrentCulture()
    {
        var model = new ChartModel("m", "M", "ms", [new ChartSeries("a", ChartSeriesKind.Line, [new(T0, 1234.5678)])], []);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            Assert.Equal("2025-06-01T00:00:00.000Z,1234.5678", Lines(ChartCsv.Build(model))[1]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Build_MillisecondsFromMicroseconds_WithoutTheConversionsNoise()
    {
        var model = new ChartModel("m", "M", "ms", [new ChartSeries("a", ChartSeriesKind.Line, [new(T0, 331099.8311 / 1000)])], []);

        Assert.Equal("2025-06-01T00:00:00.000Z,331.0998311", Lines(ChartCsv.Build(model))[1]);
    }

    [Fact]
    public void Build_SkipsNonFiniteValues()
    {
        var model = new ChartModel("m", "M", "ms", [new ChartSeries("a", ChartSeriesKind.Line, [new(T0, double.NaN)])], []);

        Assert.Equal("2025-06-01T00:00:00.000Z,", Lines(ChartCsv.Build(model))[1]);
    }

    [Fact]
    public void Build_SeriesNamedLikeAFormula_HeaderOpensAsText()
    {
        var model = new ChartModel("m", "M", "ms",
            [new ChartSeries("=cmd|' /C calc'!A0", ChartSeriesKind.Line, [new(T0, 1)]), new ChartSeries("-2", ChartSeriesKind.Line, [new(T0, -2)])], []);

        var lines = Lines(ChartCsv.Build(model));

        Assert.Equal("time,'=cmd|' /C calc'!A0,'-2", lines[0]);
        Assert.Equal("2025-06-01T00:00:00.000Z,1,-2", lines[1]);
    }

    [Theory]
    [InlineData("cpu", "cpu.csv")]
    [InlineData("a/b:c", "a_b_c.csv")]
    [InlineData("", "chart.csv")]
    public void FileName_IsMetricIdMadeSafe(string metricId, string expected) =>
        Assert.Equal(expected, ChartCsv.FileName(metricId));

    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}
