using Dashboard.Core.Audit;

namespace Dashboard.Storage.Audit;

internal static class AuditMapping
{
    public static StoredAuditRecord ToStored(AuditRecord record) => new()
    {
        Sequence = record.Sequence,
        TimeMs = record.Time.ToUnixTimeMilliseconds(),
        Actor = record.Actor,
        RemoteAddress = record.RemoteAddress,
        Action = record.Action,
        Target = record.Target,
        Endpoint = record.Endpoint,
        Before = record.Before,
        After = record.After,
        PreviousHash = record.PreviousHash,
        Hash = record.Hash,
    };

    public static AuditRecord ToRecord(StoredAuditRecord row) => new(
        row.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(row.TimeMs), row.Actor, row.RemoteAddress, row.Action,
        row.Target, row.Endpoint, row.Before, row.After, row.PreviousHash, row.Hash);
}
