using System.Runtime.CompilerServices;
using Dashboard.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Audit;

/// <summary>EF Core reads of the audit trail; filters are translated to SQL (LIKE with escaping), never run in memory.</summary>
public sealed class AuditQueries(IDbContextFactory<DashboardDbContext> contexts) : IAuditQueries
{

    public async Task<IReadOnlyList<AuditRecord>> SearchAsync(AuditFilter filter, int limit, int offset = 0, long? beforeSequence = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        if (beforeSequence is { } before)
        {
            query = query.Where(r => r.Sequence < before);
        }
        var rows = await query.OrderByDescending(r => r.Sequence).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(AuditMapping.ToRecord).ToList();
    }

    public async Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filtered(db, filter).LongCountAsync(cancellationToken);
    }

    public async IAsyncEnumerable<AuditRecord> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var row in Filtered(db, filter).OrderByDescending(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return AuditMapping.ToRecord(row);
        }
    }

    public Task<IReadOnlyList<AuditRecord>> ForEndpointAsync(string endpoint, DateTimeOffset since, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        return SearchAsync(new AuditFilter(Endpoint: endpoint, From: since), limit, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<AuditAnnotation>> AnnotationsAsync(string endpoint, DateTimeOffset from, DateTimeOffset to, int limit = 200,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Filtered(db, new AuditFilter(Endpoint: endpoint, From: from, To: to))
            .OrderByDescending(r => r.Sequence)
            .Take(limit)
            .Select(r => new { r.Sequence, r.TimeMs, r.Action, r.Target, r.Actor })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.Sequence)
            .Select(r => new AuditAnnotation(r.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs), $"{r.Action} {r.Target} by {r.Actor}"))
            .ToList();
    }

    public async Task<AuditVerification> VerifyAsync(AuditHead? noted = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditChain.VerifyAsync(InSequence(db, cancellationToken), noted, cancellationToken);
    }

    public async Task<AuditHead?> HeadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditRecords.AsNoTracking()
            .OrderByDescending(r => r.Sequence)
            .Select(r => new AuditHead(r.Sequence, r.Hash))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<AuditRecord> InSequence(DashboardDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return AuditMapping.ToRecord(row);
        }
    }

    private static IQueryable<StoredAuditRecord> Filtered(DashboardDbContext db, AuditFilter filter)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(TextMatch.Any<StoredAuditRecord>(db.Database, TextMatch.Containing(filter.Actor.Trim()), r => r.Actor));
        }
        if (!string.IsNullOrWhiteSpace(filter.ActionPrefix))
        {
            query = query.Where(TextMatch.Any<StoredAuditRecord>(db.Database, TextMatch.StartingWith(filter.ActionPrefix.Trim()), r => r.Action));
        }
        if (!string.IsNullOrWhiteSpace(filter.Endpoint))
        {
            var endpoint = filter.Endpoint.Trim();
            query = query.Where(r => r.Endpoint == endpoint);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            query = query.Where(TextMatch.Any<StoredAuditRecord>(db.Database, TextMatch.Containing(filter.Text.Trim()),
                r => r.Target, r => r.Before, r => r.After));
        }
        if (filter.From is { } from)
        {
            var fromMs = from.ToUnixTimeMilliseconds();
            query = query.Where(r => r.TimeMs >= fromMs);
        }
        if (filter.To is { } to)
        {
            var toMs = to.ToUnixTimeMilliseconds();
            query = query.Where(r => r.TimeMs < toMs);
        }
        return query;
    }
}
