using System.Globalization;
using Dashboard.Core.Audit;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Export;

namespace Dashboard.Web.Audit;

/// <summary>
/// Audit records as RFC 4180 CSV (CRLF line ends, quoted where needed), with the hashes so the file can be checked
/// on its own. Text cells go through <see cref="CsvCell.Text"/>, so none opens as a formula.
/// </summary>
public static class AuditCsv
{
    public const string Header = "sequence,time_utc,actor,remote_address,action,target,endpoint,before,after,previous_hash,hash";

    public static string Row(AuditRecord record) => string.Join(',',
        record.Sequence.ToString(CultureInfo.InvariantCulture),
        record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        CsvCell.Text(record.Actor),
        CsvCell.Text(record.RemoteAddress),
        CsvCell.Text(record.Action),
        CsvCell.Text(record.Target),
        CsvCell.Text(record.Endpoint),
        CsvCell.Text(record.Before),
        CsvCell.Text(record.After),
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
