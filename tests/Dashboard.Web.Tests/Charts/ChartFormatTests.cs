using System.Globalization;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Tests.Charts;

public sealed class ChartFormatTests
{
    [Theory]
    [InlineData(0.012345, "0.0123")]
    [InlineData(45.25, "45.3")] // half away from zero, like the chart tooltip
    [InlineData(12.0, "12")]
    [InlineData(-3.14159, "-3.14")]
    [InlineData(412.6, "413")]
    [InlineData(12345.0, "12,345")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "–")]
    public void Value_ThreeSignificantDigitsBelow100WholeNumbersAbove(double value, string expected) =>
        Assert.Equal(expected, ChartFormat.Value(value, CultureInfo.InvariantCulture));

    [Fact]
    public void LocalTime_UsesTheGivenZone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal("2025-06-01 02:00:00", ChartFormat.LocalTime(ChartTestData.T0, berlin));
    }

    [Fact]
    public void UtcIso_HasMillisecondsAndZ() =>
        Assert.Equal("2025-06-01T00:00:00.000Z", ChartFormat.UtcIso(ChartTestData.T0));
}
