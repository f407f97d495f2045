using Dashboard.Tests.Shared;
using Dashboard.Web.Audit;
using static Dashboard.Web.Tests.Audit.AuditTestData;

namespace Dashboard.Web.Tests.Audit;

public sealed class AuditCsvTests
{
    [Fact]
    public void Row_PipeAtTheStartOfATarget_OpensAsText() =>
        Assert.Contains(",'|calc,", AuditCsv.Row(Record(3, target: "|calc")), StringComparison.Ordinal);

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
