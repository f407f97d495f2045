using Dashboard.Core.Charts;
using Dashboard.Tests.Shared;
using Dashboard.Web.Navigation;

namespace Dashboard.Web.Tests.Navigation;

public sealed class CappedViewTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 4, 12, 10, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset NextMinute = new(2025, 6, 4, 12, 11, 0, TimeSpan.Zero);

    /// <summary>154 days of stored history: longer than the longest chart.</summary>
    private static readonly DateTimeOffset HistoryStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_TheWholeCalendar_ShowsTheLatest90StoredDaysAndSaysWhy()
    {
        var capped = Cap("custom", "0001-01-01T00:00Z", "9999-12-31T23:59Z");

        Assert.Equal((TimeRange.Custom, NextMinute - TimeSpan.FromDays(90), NextMinute), (capped.View.Range.Key, capped.View.Range.From, capped.View.Range.To));
        Assert.Equal("You asked for 1 Jan 0001 00:00 – 31 Dec 9999 23:59 UTC; showing 6 Mar 2025 12:11 – 4 Jun 2025 12:11 UTC, because the stored "
            + "history begins on 1 Jan 2025, nothing is stored after now and a chart shows at most 90 days, the latest of them.", capped.Notice);
    }

    [Fact]
    public void Of_RangeInsideTheHistory_IsKeptWithoutANotice()
    {
        var capped = Cap("custom", "2025-05-10T08:00Z", "2025-05-12T20:30Z");

        Assert.Equal(new DateTimeOffset(2025, 5, 10, 8, 0, 0, TimeSpan.Zero), capped.View.Range.From);
        Assert.Equal(new DateTimeOffset(2025, 5, 12, 20, 30, 0, TimeSpan.Zero), capped.View.Range.To);
        Assert.Null(capped.Notice);
    }

    [Fact]
    public void Of_RangeStartingBeforeTheHistory_StartsWhereTheHistoryStarts()
    {
        var capped = Cap("custom", "2024-12-28T00:00Z", "2025-01-03T00:00Z");

        Assert.Equal((HistoryStart, new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero)), (capped.View.Range.From, capped.View.Range.To));
        Assert.Equal("You asked for 28 Dec 2024 00:00 – 3 Jan 2025 00:00 UTC; showing 1 Jan 2025 00:00 – 3 Jan 2025 00:00 UTC, "
            + "because the stored history begins on 1 Jan 2025.", capped.Notice);
    }

    [Fact]
    public void Of_FourMonthsInsideTheHistory_KeepsTheirLast90Days()
    {
        var capped = Cap("custom", "2025-01-15T00:00Z", "2025-06-01T00:00Z");

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), capped.View.Range.From);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), capped.View.Range.To);
        Assert.EndsWith("because a chart shows at most 90 days, the latest of them.", capped.Notice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1990-01-01T00:00Z", "1990-02-01T00:00Z", "(the stored history begins on 1 Jan 2025)")]
    [InlineData("2090-01-01T00:00Z", "2090-01-02T00:00Z", "(that is in the future)")]
    public void Of_RangeWhereNothingIsStored_ShowsTheLast24Hours(string from, string to, string why)
    {
        var capped = Cap("custom", from, to);

        Assert.Equal((TimeRange.Default, NextMinute), (capped.View.Range.Key, capped.View.Range.To));
        Assert.StartsWith("Nothing is stored for ", capped.Notice, StringComparison.Ordinal);
        Assert.EndsWith($" UTC {why}; showing the last 24 hours.", capped.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_NothingStoredYet_ShowsTheLast24HoursAndSaysSo()
    {
        var asked = View("custom", "2025-06-01T00:00Z", "2025-06-02T00:00Z");

        var capped = CappedView.Of(asked, historyStart: null, Now);

        Assert.Equal(TimeRange.Default, capped.View.Range.Key);
        Assert.Contains("(nothing is stored for this endpoint yet)", capped.Notice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("14d")]
    public void Of_Preset_IsNeverCut(string key)
    {
        var asked = View(key, null, null);

        // History of one hour: a 14-day preset still shows its 14 days (they are few, and the axis stays the preset's).
        var capped = CappedView.Of(asked, Now.AddHours(-1), Now);

        Assert.Equal(asked, capped.View);
        Assert.Null(capped.Notice);
    }

    [Fact]
    public void Of_BaselineWindowReachingOutsideTheHistory_IsCutAndSaidSo()
    {
        var capped = Cap("24h", null, null, "0001-01-01T00:00Z", "9999-12-31T23:59Z");

        Assert.Equal((HistoryStart, Now), (capped.View.PinFrom, capped.View.PinTo));
        Assert.Equal("The baseline window you asked for, 1 Jan 0001 00:00 – 31 Dec 9999 23:59 UTC, is cut to the stored history: "
            + "1 Jan 2025 00:00 – 4 Jun 2025 12:10 UTC.", capped.Notice);
    }

    [Theory]
    [InlineData("2025-05-20T00:00Z", "2025-05-21T00:00Z")] // inside
    [InlineData("2025-01-01T00:00Z", "2025-02-01T00:00Z")] // wholly before: no stored point lies in it, it costs nothing
    public void Of_BaselineWindowInsideOrWhollyOutside_IsKept(string pinFrom, string pinTo)
    {
        var asked = View("24h", null, null, pinFrom, pinTo);

        var capped = CappedView.Of(asked, HistoryStart, Now);

        Assert.Equal(asked, capped.View);
        Assert.Null(capped.Notice);
    }

    public static TheoryData<string> Corpus() => [.. BadInput.NotFiniteNumbers, .. BadInput.EdgeNumbers, .. BadInput.UnroutableNames,
        "0001-01-01T00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00+14:00", "9999-12-31T23:59-14:00", "-1000000-01-01", "99999-01-01"];

    /// <summary>Whatever the URL holds in any of its time values, the page's range is at most 90 days and ends by now.</summary>
    [Theory]
    [MemberData(nameof(Corpus))]
    public void ParseThenOf_AnyValueInAnyPlace_StaysWithinTheHistoryAnd15Days(string value)
    {
        string?[][] urls =
        [
            [value, "0001-01-01T00:00Z", "9999-12-31T23:59Z"],
            ["custom", value, "9999-12-31T23:59Z"],
            ["custom", "0001-01-01T00:00Z", value],
            ["custom", value, value],
        ];
        foreach (var url in urls)
        {
            var capped = Cap(url[0], url[1], url[2], pinFrom: url[1], pinTo: url[2]);

            Assert.InRange(capped.View.Range.Span, TimeSpan.FromMinutes(1), TimeRange.MaxSpan);
            Assert.True(capped.View.Range.To <= NextMinute, $"{string.Join(" ", url)} ends after now");
            Assert.True(capped.View.Range.IsRelative || capped.View.Range.From >= HistoryStart, $"{string.Join(" ", url)} starts before the history");
            if (capped.View.IsPinned)
            {
                var (pinFrom, pinTo) = (capped.View.PinFrom!.Value, capped.View.PinTo!.Value);
                var inside = pinFrom >= HistoryStart && pinTo <= Now;
                var whollyOutside = pinTo <= HistoryStart || pinFrom >= Now;
                Assert.True(inside || whollyOutside, $"{string.Join(" ", url)} pins across the history's edge");
            }
        }
    }

    private static CappedView Cap(string? range, string? from, string? to, string? pinFrom = null, string? pinTo = null) =>
        CappedView.Of(View(range, from, to, pinFrom, pinTo), HistoryStart, Now);

    private static EndpointView View(string? range, string? from, string? to, string? pinFrom = null, string? pinTo = null) => new(
        TimeRange.Parse(range, from, to, Now),
        ComparePeriod.None,
        TimeRange.TryParseTime(pinFrom, out var pf) ? pf : null,
        TimeRange.TryParseTime(pinTo, out var pt) ? pt : null);
}
