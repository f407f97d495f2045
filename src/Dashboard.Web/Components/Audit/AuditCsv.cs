using System.Globalization;
using Dashboard.Core.Audit;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Components.Audit;

/// <summary>
/// Audit records as RFC 4180 CSV (CRLF line ends, quoted where needed), with the hashes so the file can be checked
/// on its own. A cell that a spreadsheet would run as a formula (= + - @, tab, carriage return) starts with a quote.
/// </summary>
public static class AuditCsv
{
    public const string Header = "sequence,time_utc,actor,remote_address,action,target,endpoint,before,after,previous_hash,hash";

    public static string Row(AuditRecord record) => string.Join(',',
        record.Sequence.ToString(CultureInfo.InvariantCulture),
        record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ChartCsv.Cell(record.Actor),
        ChartCsv.Cell(record.RemoteAddress),
        ChartCsv.Cell(record.Action),
        ChartCsv.Cell(record.Target),
        ChartCsv.Cell(record.Endpoint),
        ChartCsv.Cell(record.Before),
        ChartCsv.Cell(record.After),
        record.PreviousHash,
        record.Hash);

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditRecord> records, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(Header + "\r\n");
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Row(record) + "\r\n");
        }
    }

    public static string FileName(DateTimeOffset now) => ChartCsv.StampedFileName("audit", now);
}
