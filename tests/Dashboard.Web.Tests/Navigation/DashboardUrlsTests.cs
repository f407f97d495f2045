using Dashboard.Core.Charts;
using Dashboard.Tests.Shared;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Tests.Navigation;

public sealed class DashboardUrlsTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 4, 12, 10, 30, TimeSpan.Zero);

    [Fact]
    public void Fleet_OnlySetFiltersAppear()
    {
        Assert.Equal("/", DashboardUrls.Fleet());
        Assert.Equal("/", DashboardUrls.Fleet("", null, ""));
        Assert.Equal("/?q=fraud&health=Critical", DashboardUrls.Fleet("fraud", null, "Critical"));
        Assert.Equal("/?q=a%26b&status=InService", DashboardUrls.Fleet("a&b", "InService"));
    }

    [Fact]
    public void Endpoint_EscapesTheName()
    {
        Assert.Equal("/endpoints/churn", DashboardUrls.Endpoint("churn"));
        Assert.Equal("/endpoints/fraud%20v2%2Fblue", DashboardUrls.Endpoint("fraud v2/blue"));
    }

    [Fact]
    public void Endpoint_PresetView_CarriesOnlyTheKey()
    {
        var view = new EndpointView(TimeRange.Parse("6h", null, null, Now), ComparePeriod.None, null, null);

        Assert.Equal("/endpoints/churn?range=6h", DashboardUrls.Endpoint("churn", view));
    }

    [Fact]
    public void Endpoint_CustomRangeComparisonAndPin_RoundTripThroughTheUrl()
    {
        var view = new EndpointView(
            TimeRange.Parse("custom", "2025-06-01T08:00:00Z", "2025-06-02T20:30:00Z", Now),
            ComparePeriod.PreviousWeek,
            new DateTimeOffset(2025, 5, 20, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 5, 27, 0, 0, 0, TimeSpan.Zero));

        var url = DashboardUrls.Endpoint("churn", view);
        var query = QueryHelpers.ParseQuery(new Uri("http://localhost" + url).Query);
        var back = new EndpointView(
            TimeRange.Parse(query["range"], query["from"], query["to"], Now.AddHours(5)),
            DashboardUrls.ParseCompare(query["compare"]),
            TimeRange.TryParseTime(query["pinFrom"], out var pinFrom) ? pinFrom : null,
            TimeRange.TryParseTime(query["pinTo"], out var pinTo) ? pinTo : null);

        Assert.Equal("week", query["compare"]);
        Assert.Equal("2025-06-01T08:00:00Z", query["from"]);
        Assert.Equal(view, back);
        Assert.True(back.IsPinned);
    }

    [Fact]
    public void Endpoint_SeasonalChosenOverTheTeamPin_RoundTripsAsBaselineSeasonal()
    {
        var view = new EndpointView(TimeRange.Parse("7d", null, null, Now), ComparePeriod.None, null, null, Seasonal: true);

        var url = DashboardUrls.Endpoint("churn", view);
        var query = QueryHelpers.ParseQuery(new Uri("http://localhost" + url).Query);

        Assert.Equal("/endpoints/churn?range=7d&baseline=seasonal", url);
        Assert.True(DashboardUrls.ParseSeasonal(query["baseline"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("team")]
    [InlineData("Seasonal ")]
    public void ParseSeasonal_AnythingElse_MeansTheDefault(string? value)
    {
        Assert.False(DashboardUrls.ParseSeasonal(value));
    }

    [Theory]
    [InlineData("day", ComparePeriod.PreviousDay)]
    [InlineData("week", ComparePeriod.PreviousWeek)]
    [InlineData(null, ComparePeriod.None)]
    [InlineData("month", ComparePeriod.None)]
    public void ParseCompare_UnknownValues_MeanNone(string? value, ComparePeriod expected)
    {
        Assert.Equal(expected, DashboardUrls.ParseCompare(value));
    }

    [Fact]
    public void EndpointView_PinEndingBeforeItsStart_IsNotPinned()
    {
        var range = TimeRange.Parse("24h", null, null, Now);

        Assert.False(new EndpointView(range, ComparePeriod.None, Now, Now.AddHours(-1)).IsPinned);
        Assert.False(new EndpointView(range, ComparePeriod.None, Now, null).IsPinned);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("2147483648", int.MaxValue)]
    [InlineData("99999999999", int.MaxValue)]
    [InlineData("0", 1)]
    [InlineData("007", 7)]
    public void ParsePage_WholeNumbers_FromOneUpToIntMax(string value, int expected)
    {
        Assert.Equal(expected, DashboardUrls.ParsePage(value));
    }

    public static TheoryData<string> NotAPage() =>
        [.. BadInput.NotFiniteNumbers.Where(v => v != new string('9', 10_000)), .. BadInput.EdgeNumbers.Where(v => v.StartsWith('-') || v.Contains('.') || v.Contains('e')),
            .. BadInput.UnroutableNames, "+3", " 3", "3 ", "3.0", "1e3"];

    /// <summary>Anything but digits is page 1 (the page then shows the newest records), never an exception.</summary>
    [Theory]
    [MemberData(nameof(NotAPage))]
    public void ParsePage_AnythingButDigits_IsPageOne(string value)
    {
        Assert.Equal(1, DashboardUrls.ParsePage(value));
    }

    [Fact]
    public void ParsePage_TenThousandNines_IsTheLastPage()
    {
        Assert.Equal(int.MaxValue, DashboardUrls.ParsePage(new string('9', 10_000)));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    [InlineData("1", false)]
    [InlineData("yes", false)]
    public void ParseFlag_OnlyTrueIsYes(string? value, bool expected)
    {
        Assert.Equal(expected, DashboardUrls.ParseFlag(value));
    }

    public static TheoryData<string> NotAFlag() => [.. BadInput.NotFiniteNumbers, .. BadInput.EdgeNumbers, .. BadInput.UnroutableNames];

    [Theory]
    [MemberData(nameof(NotAFlag))]
    public void ParseFlag_Corpus_IsNo(string value)
    {
        Assert.False(DashboardUrls.ParseFlag(value));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", " ")]
    [InlineData("2026-11-24T14:00Z", "2026-11-24T15:00:00Z")]
    public void TimeFilterError_ReadableOrMissingTimes_IsNull(string? from, string? to)
    {
        Assert.Null(DashboardUrls.TimeFilterError(from, to));
    }

    public static TheoryData<string> NotATime() => [.. BadInput.NotFiniteNumbers.Where(v => !string.IsNullOrWhiteSpace(v)), .. BadInput.UnroutableNames,
        "yesterday", "2026-13-01T00:00Z", "0001-01-01T00:00+14:00", "99999-01-01"];

    /// <summary>The exports refuse a time they cannot read, naming the value and the format, instead of exporting everything.</summary>
    [Theory]
    [MemberData(nameof(NotATime))]
    public void TimeFilterError_UnreadableTime_NamesTheValueAndTheFormat(string value)
    {
        Assert.Equal("The value of from is not a date and time. Use ISO 8601 in UTC, for example 2026-11-24T14:00Z.", DashboardUrls.TimeFilterError(value, null));
        Assert.Equal("The value of to is not a date and time. Use ISO 8601 in UTC, for example 2026-11-24T14:00Z.", DashboardUrls.TimeFilterError(null, value));
    }
}
