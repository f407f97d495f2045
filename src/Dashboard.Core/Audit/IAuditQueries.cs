namespace Dashboard.Core.Audit;

/// <summary>Reads the audit trail: searches for the Audit page and its CSV export, an endpoint's recent changes,
/// chart annotations, and the check of the whole chain.</summary>
public interface IAuditQueries
{
    /// <summary>Records matching <paramref name="filter"/>, newest first. <paramref name="beforeSequence"/> continues
    /// after the last record of a previous page (steady while new records arrive); <paramref name="offset"/> skips rows.</summary>
    Task<IReadOnlyList<AuditRecord>> SearchAsync(AuditFilter filter, int limit, int offset = 0, long? beforeSequence = null,
        CancellationToken cancellationToken = default);

    Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Every record matching <paramref name="filter"/>, newest first, read as the caller goes (CSV export).</summary>
    IAsyncEnumerable<AuditRecord> StreamAsync(AuditFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The newest changes to one endpoint since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> ForEndpointAsync(string endpoint, DateTimeOffset since, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>One marker per change to <paramref name="endpoint"/> in [<paramref name="from"/>, <paramref name="to"/>),
    /// oldest first, at most <paramref name="limit"/> (the newest are kept).</summary>
    Task<IReadOnlyList<AuditAnnotation>> AnnotationsAsync(string endpoint, DateTimeOffset from, DateTimeOffset to, int limit = 200,
        CancellationToken cancellationToken = default);

    /// <summary>Reads every record in sequence order through <see cref="AuditChain.Verify"/>, against a
    /// <paramref name="noted"/> head when given. Callers check <c>Permission.VerifyAudit</c> first.</summary>
    Task<AuditVerification> VerifyAsync(AuditHead? noted = null, CancellationToken cancellationToken = default);

    /// <summary>The newest record; null while the trail is empty.</summary>
    Task<AuditHead?> HeadAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// What to look for; every part is optional and they combine with AND. <see cref="Actor"/> and <see cref="Text"/>
/// match anywhere, ignoring case (<see cref="Text"/> looks in the target, before and after);
/// <see cref="ActionPrefix"/> matches the start of the action ("alarm" finds alarm.create and alarm.delete);
/// <see cref="Endpoint"/> is exact; the time range is [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record AuditFilter(
    string? Actor = null,
    string? ActionPrefix = null,
    string? Endpoint = null,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    public static AuditFilter None { get; } = new();
}

/// <summary>A change to show on a chart: when, and a label short enough for a marker ("alarm.update p99-latency by ana").</summary>
public sealed record AuditAnnotation(long Sequence, DateTimeOffset Time, string Label);
