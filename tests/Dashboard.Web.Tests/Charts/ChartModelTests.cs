using Dashboard.Web.Components.Charts;
using static Dashboard.Web.Tests.Charts.ChartTestData;

namespace Dashboard.Web.Tests.Charts;

public sealed class ChartModelTests
{
    [Fact]
    public void WithAppended_AddsPointsToSeriesOfTheSameName()
    {
        var model = CpuModel().WithAppended([new ChartSeries("variant-a", ChartSeriesKind.Line, [new(T0 + 3 * Minute, 9)])], null);

        Assert.Equal([20.5, 45.25, 22, 9], model.Series.Single(s => s.Name == "variant-a").Points.Select(p => p.Value));
        Assert.Equal(3, model.Series.Single(s => s.Name == "Yesterday").Points.Count);
    }

    [Fact]
    public void WithAppended_DropsPointsBeforeTheWindowInEverySeries()
    {
        var model = CpuModel().WithAppended([], T0 + 2 * Minute);

        Assert.All(model.Series.Where(s => s.Kind != ChartSeriesKind.Outliers), s => Assert.Equal(T0 + 2 * Minute, Assert.Single(s.Points).TimeMs));
        Assert.Empty(model.Series.Single(s => s.Kind == ChartSeriesKind.Outliers).Points);
    }

    [Fact]
    public void WithAppended_UnknownName_AddsSeries()
    {
        var model = Empty().WithAppended([new ChartSeries("variant-b", ChartSeriesKind.Line, [new(T0, 1)])], null);

        Assert.Equal(["variant-a", "variant-b"], model.Series.Select(s => s.Name));
        Assert.True(model.HasPoints);
        Assert.False(Empty().HasPoints);
    }
}
