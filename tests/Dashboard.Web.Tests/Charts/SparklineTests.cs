using System.Globalization;
using Bunit;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Tests.Charts;

public sealed class SparklineTests : DashboardTestContext
{
    [Fact]
    public void Render_DrawsOnePolylinePointPerValueAndTheLastAsADot()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Values, [1d, 5, 3, 9]).AddUnmatched("data-testid", "spark-cpu"));

        var svg = cut.Find("svg[data-testid=spark-cpu]");
        var points = Points(cut);
        Assert.Equal(4, points.Length);
        var dot = svg.QuerySelector("circle")!;
        Assert.Equal(points[^1].X, double.Parse(dot.GetAttribute("cx")!, CultureInfo.InvariantCulture), 2);
        Assert.Equal(points[^1].Y, double.Parse(dot.GetAttribute("cy")!, CultureInfo.InvariantCulture), 2);
        Assert.Equal("Latest: 9", svg.QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void Render_ScalesMinToBottomAndMaxToTopAcrossTheWidth()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Values, [0d, 10, 5]).Add(s => s.Width, 100).Add(s => s.Height, 20));

        var points = Points(cut);
        var pad = Sparkline.DotRadius + 0.5;
        Assert.Equal(pad, points[0].X, 2);
        Assert.Equal(100 - pad, points[2].X, 2);
        Assert.Equal(20 - pad, points[0].Y, 2); // min at the bottom
        Assert.Equal(pad, points[1].Y, 2); // max at the top
        Assert.Equal(10, points[2].Y, 2); // halfway
    }

    [Fact]
    public void Render_SingleValue_DrawsOnlyTheDot()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Values, [42d]).Add(s => s.Unit, "%"));

        Assert.Empty(cut.FindAll("polyline"));
        Assert.Single(cut.FindAll("circle"));
        Assert.Equal("Latest: 42 %", cut.Find("title").TextContent);
    }

    [Fact]
    public void Render_NoValues_DrawsNothingButSaysSo()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Values, Array.Empty<double>()));

        Assert.Empty(cut.FindAll("polyline"));
        Assert.Empty(cut.FindAll("circle"));
        Assert.Equal("No data", cut.Find("title").TextContent);
    }

    [Fact]
    public void Render_AllEqualValues_DrawsAFlatLineThroughTheMiddle()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Values, [7d, 7, 7]).Add(s => s.Height, 28));

        Assert.All(Points(cut), pt => Assert.Equal(14, pt.Y, 2));
    }

    [Fact]
    public void Render_Band_ShadesTheBaselineRangeAndWidensTheScale()
    {
        var cut = Render<Sparkline>(p => p
            .Add(s => s.Values, [10d, 20])
            .Add(s => s.Height, 20)
            .Add(s => s.BandLow, 0)
            .Add(s => s.BandHigh, 40));

        var band = cut.Find("rect.sparkline-band");
        var pad = Sparkline.DotRadius + 0.5;
        Assert.Equal(pad, double.Parse(band.GetAttribute("y")!, CultureInfo.InvariantCulture), 2);
        Assert.Equal(20 - 2 * pad, double.Parse(band.GetAttribute("height")!, CultureInfo.InvariantCulture), 2);
        Assert.True(Points(cut).All(pt => pt.Y > pad && pt.Y < 20 - pad));
    }

    [Fact]
    public void Render_CustomColour_IsUsedForLineAndDot()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Values, [1d, 2]).Add(s => s.Color, "#ff0000"));

        Assert.Equal("#ff0000", cut.Find("polyline").GetAttribute("stroke"));
        Assert.Equal("#ff0000", cut.Find("circle").GetAttribute("fill"));
    }

    private static (double X, double Y)[] Points(IRenderedComponent<Sparkline> cut) =>
        cut.Find("polyline").GetAttribute("points")!
            .Split(' ')
            .Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToArray();
}
