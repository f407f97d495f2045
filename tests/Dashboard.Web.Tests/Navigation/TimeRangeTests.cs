using Dashboard.Web.Navigation;

namespace Dashboard.Web.Tests.Navigation;

public sealed class TimeRangeTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 4, 12, 10, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset NextMinute = new(2025, 6, 4, 12, 11, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1h", 1)]
    [InlineData("6h", 6)]
    [InlineData("24h", 24)]
    [InlineData("7d", 168)]
    [InlineData("14d", 336)]
    [InlineData("30d", 720)]
    [InlineData("90d", 2160)]
    public void Parse_Preset_EndsAtTheNextWholeMinute(string key, int hours)
    {
        var range = TimeRange.Parse(key, null, null, Now);

        Assert.Equal(key, range.Key);
        Assert.True(range.IsRelative);
        Assert.Equal(NextMinute, range.To);
        Assert.Equal(TimeSpan.FromHours(hours), range.Span);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3w")]
    [InlineData("24H")]
    public void Parse_UnknownKey_FallsBackTo24Hours(string? key)
    {
        var range = TimeRange.Parse(key, null, null, Now);

        Assert.Equal(("24h", TimeSpan.FromHours(24), NextMinute), (range.Key, range.Span, range.To));
    }

    [Fact]
    public void Parse_CustomWindow_IsKeptExactly()
    {
        var range = TimeRange.Parse("custom", "2025-06-01T08:00:00Z", "2025-06-02T20:30:00Z", Now);

        Assert.Equal(TimeRange.Custom, range.Key);
        Assert.False(range.IsRelative);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 20, 30, 0, TimeSpan.Zero), range.To);
    }

    [Theory]
    [InlineData("2025-06-02T00:00:00Z", "2025-06-01T00:00:00Z")]
    [InlineData("2025-06-01T00:00:00Z", "2025-06-01T00:00:00Z")]
    [InlineData("yesterday", "2025-06-01T00:00:00Z")]
    [InlineData(null, "2025-06-01T00:00:00Z")]
    [InlineData("2025-06-01T00:00:00Z", null)]
    public void Parse_BadCustomWindow_FallsBackTo24Hours(string? from, string? to)
    {
        Assert.Equal("24h", TimeRange.Parse("custom", from, to, Now).Key);
    }

    [Fact]
    public void Parse_TimesWithoutAZone_AreUtc()
    {
        var range = TimeRange.Parse("custom", "2025-06-01T08:00", "2025-06-01T09:00", Now);

        Assert.Equal(TimeSpan.Zero, range.From.Offset);
        Assert.Equal(8, range.From.Hour);
    }

    [Fact]
    public void FormatThenTryParseTime_RoundTrips()
    {
        var time = new DateTimeOffset(2025, 6, 4, 10, 15, 42, TimeSpan.FromHours(2));

        var text = TimeRange.Format(time);

        Assert.Equal("2025-06-04T08:15:42Z", text);
        Assert.True(TimeRange.TryParseTime(text, out var back));
        Assert.Equal(time, back);
    }

    /// <summary>
    /// The URLs' own forms are read as UTC; text a lenient parser would turn into some date nobody asked for
    /// (2002-01-05 from "1,5.2") is not.
    /// </summary>
    [Fact]
    public void TryParseTime_ReadsIso8601Only()
    {
        (string Text, string Utc)[] iso =
        [
            ("2025-06-01T08:00", "2025-06-01T08:00:00Z"), ("2025-06-01T08:00:30Z", "2025-06-01T08:00:30Z"),
            ("2025-06-01T08:00:30.250Z", "2025-06-01T08:00:30Z"), ("2025-06-01T10:00+02:00", "2025-06-01T08:00:00Z"),
            ("2025-06-01", "2025-06-01T00:00:00Z"),
        ];
        string[] lenient = ["1,5.2", "June 1 2025", "1/6/2025", "2025-06-01 08:00", " 2025-06-01T08:00Z ", "0001-01-01T00:00+14:00"];

        Assert.All(iso, t => Assert.Equal(t.Utc, TimeRange.TryParseTime(t.Text, out var time) ? TimeRange.Format(time) : null));
        Assert.All(lenient, text => Assert.False(TimeRange.TryParseTime(text, out _), text));
    }
}
