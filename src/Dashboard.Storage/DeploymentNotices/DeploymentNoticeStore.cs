using Dashboard.Core.DeploymentNotices;
using Dashboard.Storage.Alarms;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.DeploymentNotices;

/// <summary>
/// Deployment notices, their deliveries (rows of the webhooks' one delivery queue) and the notifier's watermark in
/// SQLite; one transaction per round.
/// </summary>
public sealed class DeploymentNoticeStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IDeploymentNoticeStore
{
    public const string WatermarkName = "deployment-notices";

    private const int MaxLength = 2000;

    public async Task<long?> WatermarkAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Watermarks.AsNoTracking().Where(w => w.Name == WatermarkName).Select(w => (long?)w.Value).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeploymentNotice>> RecordAsync(IReadOnlyList<DeploymentNotice> notices, long watermark, bool deliver,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = notices.Select(n => n.DeploymentId).Distinct().ToList();
        var deployment = nameof(NoticeSubject.Deployment);
        var told = (await db.DeploymentNotices.Where(n => n.Subject == deployment && ids.Contains(n.DeploymentId)).Select(n => new { n.DeploymentId, n.Key })
                .ToListAsync(cancellationToken))
            .Select(n => (n.DeploymentId, n.Key)).ToHashSet();
        var rows = notices.Where(n => told.Add((n.DeploymentId, n.Key))).Select(n => new StoredDeploymentNotice
        {
            DeploymentId = n.DeploymentId,
            Endpoint = n.Endpoint,
            Key = n.Key,
            Kind = n.Kind.ToString(),
            Time = n.Time.ToUnixTimeSeconds(),
            Headline = Cut(n.Headline)!,
            Detail = Cut(n.Detail),
        }).ToList();
        db.DeploymentNotices.AddRange(rows);
        var mark = await db.Watermarks.SingleOrDefaultAsync(w => w.Name == WatermarkName, cancellationToken);
        if (mark is null)
        {
            db.Watermarks.Add(new StoredWatermark { Name = WatermarkName, Value = watermark });
        }
        else
        {
            mark.Value = watermark;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (deliver && rows.Count > 0)
        {
            var webhooks = await db.Webhooks.Where(w => w.Enabled).Select(w => w.Id).ToListAsync(cancellationToken);
            db.Deliveries.AddRange(rows.SelectMany(row => webhooks.Select(webhook => StoredDelivery.OfNotice(webhook, row.Id, now))));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return rows.Select(ToNotice).ToList();
    }

    public async Task<IReadOnlyList<DeploymentNotice>> RecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DeploymentNotices.AsNoTracking().OrderByDescending(n => n.Time).ThenByDescending(n => n.Id).Take(limit)
            .ToListAsync(cancellationToken);
        return rows.Select(ToNotice).ToList();
    }

    internal static DeploymentNotice ToNotice(StoredDeploymentNotice row) =>
        new(row.DeploymentId, row.Endpoint, row.Key, Enum.Parse<DeploymentNoticeKind>(row.Kind), DateTimeOffset.FromUnixTimeSeconds(row.Time),
            row.Headline, row.Detail)
        {
            Id = row.Id,
            Subject = Enum.Parse<NoticeSubject>(row.Subject),
        };

    private static string? Cut(string? text) => text is { Length: > MaxLength } ? text[..(MaxLength - 1)] + "…" : text;
}
