using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Audit;
using static Dashboard.Web.Tests.Audit.AuditTestData;

namespace Dashboard.Web.Tests.Audit;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_QuotesAndDefusesFormulas(string? value, string expected)
    {
        Assert.Equal(expected, ChartCsv.Cell(value));
    }

    [Fact]
    public async Task WriteAsync_HeaderThenOneCrlfLinePerRecord()
    {
        await using var writer = new StringWriter();

        await AuditCsv.WriteAsync(writer, new[] { Record(2, target: "=cmd"), Record(1, endpoint: null) }.ToAsyncEnumerable(), TestContext.Current.CancellationToken);

        var lines = writer.ToString().Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.StartsWith("2,2026-11-22T12:02:00.000Z,ana,10.0.0.5,alarm.update,'=cmd,fraud-detector,\"{\"\"threshold\"\":200}\",\"{\"\"threshold\"\":250}\",", lines[1]);
        Assert.EndsWith("," + new string('0', 64) + "," + new string('1', 64), lines[1]);
        Assert.Contains(",p99-latency,,", lines[2]);
        Assert.Equal("", lines[3]);
    }
}
