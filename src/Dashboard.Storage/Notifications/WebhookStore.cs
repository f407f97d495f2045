using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Storage.Alarms;
using Dashboard.Storage.Audit;
using Dashboard.Storage.DeploymentNotices;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Notifications;

/// <summary>
/// Webhooks and deliveries in SQLite. Webhook changes and their audit records share a transaction; the audit record
/// holds the redacted URL, never the one with the token.
/// </summary>
public sealed class WebhookStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IWebhookStore
{
    // Readable in the audit trail ("…", "–" as they are); never embedded in HTML unencoded.
    private static readonly JsonSerializerOptions AuditJson = new(AlarmJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Audit action of enabling or disabling a webhook (Before/After carry Enabled).</summary>
    public const string WebhookUpdateAction = "webhook.update";

    public async Task<IReadOnlyList<WebhookSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Webhooks.AsNoTracking()
            .Select(w => new
            {
                Webhook = w,
                Last = db.Deliveries.Where(d => d.WebhookId == w.Id)
                    .OrderByDescending(d => d.LastAttemptAt ?? d.CreatedAt).ThenByDescending(d => d.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.Webhook.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new WebhookSummary(r.Webhook.Id, r.Webhook.Name, Webhook.Redact(r.Webhook.Url), ParseFormat(r.Webhook.Format),
                r.Webhook.Enabled, r.Webhook.CreatedBy, r.Last is null ? null : Enum.Parse<DeliveryStatus>(r.Last.Status),
                r.Last?.LastAttemptAt, r.Last?.LastStatusCode, r.Last?.LastError))
            .ToList();
    }

    public async Task<Webhook?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return row is null ? null : ToWebhook(row);
    }

    public async Task<Webhook> CreateAsync(Webhook webhook, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ManageSettings);
        var clean = webhook with { Name = webhook.Name?.Trim() ?? "", Url = webhook.Url?.Trim() ?? "" };

        return await AuditAppender.SaveAsync<Webhook>(contexts, timeProvider, actor, async (db, now) =>
        {
            // Names are read inside the (immediate) transaction, so two people cannot take the same name at once.
            var names = await db.Webhooks.Select(w => w.Name).ToListAsync(cancellationToken);
            var errors = clean.Validate(names);
            if (errors.Count > 0)
            {
                throw new WebhookValidationException(errors);
            }
            var row = new StoredWebhook
            {
                Name = clean.Name,
                Url = clean.Url,
                Format = clean.Format.ToString(),
                Enabled = clean.Enabled,
                CreatedBy = actor.UserName,
                CreatedAt = now.ToUnixTimeSeconds(),
            };
            db.Webhooks.Add(row);
            return () =>
            {
                var stored = ToWebhook(row);
                return (stored, new AuditEvent(AuditActions.WebhookCreate, stored.Name, After: Json(stored)));
            };
        }, cancellationToken);
    }

    public Task DeleteAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ManageSettings);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
                ?? throw new KeyNotFoundException($"There is no webhook {id}; it may have been deleted already.");
            var before = ToWebhook(row);
            db.Webhooks.Remove(row);
            return () => (true, new AuditEvent(AuditActions.WebhookDelete, before.Name, Before: Json(before)));
        }, cancellationToken);
    }

    public Task SetEnabledAsync(long id, bool enabled, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ManageSettings);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
                ?? throw new KeyNotFoundException($"There is no webhook {id}; it may have been deleted.");
            if (row.Enabled == enabled)
            {
                return () => (false, null);
            }
            var before = ToWebhook(row);
            row.Enabled = enabled;
            return () => (true, new AuditEvent(WebhookUpdateAction, row.Name, Before: Json(before), After: Json(ToWebhook(row))));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryLogEntry>> DeliveriesAsync(DeliveryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Deliveries.AsNoTracking();
        if (filter.WebhookId is { } webhookId)
        {
            query = query.Where(d => d.WebhookId == webhookId);
        }
        if (filter.Status is { } status)
        {
            var wanted = status.ToString();
            query = query.Where(d => d.Status == wanted);
        }
        var rows = await Joined(db, query)
            .OrderByDescending(r => r.Delivery.CreatedAt).ThenByDescending(r => r.Delivery.Id)
            .Take(filter.Limit)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DeliveryLogEntry(r.Delivery.Id, r.Delivery.WebhookId, r.Webhook.Name, ToTransition(r.Transition),
                ToNotice(r.Notice), Enum.Parse<DeliveryStatus>(r.Delivery.Status), r.Delivery.Attempts, r.Delivery.CreatedAt,
                r.Delivery.LastAttemptAt, r.Delivery.LastStatusCode, r.Delivery.LastError, r.Delivery.NextAttemptAt))
            .ToList();
    }

    public async Task<int> EnqueueAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var ids = transitions.Where(t => t.MutedBy is null).Select(t => t.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return 0;
        }
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var webhooks = await db.Webhooks.Where(w => w.Enabled).Select(w => w.Id).ToListAsync(cancellationToken);
        if (webhooks.Count == 0)
        {
            return 0;
        }
        // Only transitions that are stored (a delivery points at its transition), and none queued twice.
        var stored = await db.AlarmTransitions.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        var queued = (await db.Deliveries.Where(d => d.TransitionId != null && ids.Contains(d.TransitionId.Value))
                .Select(d => new { d.WebhookId, d.TransitionId }).ToListAsync(cancellationToken))
            .Select(d => (d.WebhookId, d.TransitionId!.Value))
            .ToHashSet();
        var added = 0;
        foreach (var transitionId in stored)
        {
            foreach (var webhookId in webhooks.Where(w => !queued.Contains((w, transitionId))))
            {
                db.Deliveries.Add(StoredDelivery.OfTransition(webhookId, transitionId, now));
                added++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<DueDelivery>> DueAsync(long now, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        const string pending = nameof(DeliveryStatus.Pending);
        var rows = await Joined(db, db.Deliveries.AsNoTracking().Where(d => d.Status == pending && d.NextAttemptAt <= now))
            .Where(r => r.Webhook.Enabled)
            .OrderBy(r => r.Delivery.NextAttemptAt).ThenBy(r => r.Delivery.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DueDelivery(r.Delivery.Id, ToWebhook(r.Webhook), ToTransition(r.Transition), r.Delivery.Attempts)
        {
            Notice = ToNotice(r.Notice),
        }).ToList();
    }

    public async Task RecordAttemptAsync(long deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (row is null)
        {
            // The webhook was deleted while the attempt was under way; its log went with it.
            return;
        }
        row.Attempts++;
        row.Status = attempt.Status.ToString();
        row.LastAttemptAt = attempt.Time;
        row.LastStatusCode = attempt.StatusCode;
        row.LastError = attempt.Error is { Length: > 500 } error ? error[..500] : attempt.Error;
        row.NextAttemptAt = attempt.NextAttemptAt;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Each delivery with its webhook and what it carries: the alarm transition or the deployment notice (the other null).</summary>
    private static IQueryable<DeliveryRow> Joined(DashboardDbContext db, IQueryable<StoredDelivery> deliveries) =>
        from d in deliveries
        join w in db.Webhooks on d.WebhookId equals w.Id
        from t in db.AlarmTransitions.Where(t => t.Id == d.TransitionId).DefaultIfEmpty()
        from n in db.DeploymentNotices.Where(n => n.Id == d.NoticeId).DefaultIfEmpty()
        select new DeliveryRow { Delivery = d, Webhook = w, Transition = t, Notice = n };

    // Member-initialised (not positional), so EF can order and filter by its properties after the projection.
    private sealed class DeliveryRow
    {
        public required StoredDelivery Delivery { get; init; }
        public required StoredWebhook Webhook { get; init; }
        public StoredAlarmTransition? Transition { get; init; }
        public StoredDeploymentNotice? Notice { get; init; }
    }

    private static Webhook ToWebhook(StoredWebhook row) => new(row.Id, row.Name, row.Url, ParseFormat(row.Format), row.Enabled);

    private static WebhookFormat ParseFormat(string format) =>
        Enum.TryParse<WebhookFormat>(format, out var parsed) ? parsed : WebhookFormat.Generic;

    private static DeploymentNotice? ToNotice(StoredDeploymentNotice? row) => row is null ? null : DeploymentNoticeStore.ToNotice(row);

    private static AlarmTransition? ToTransition(StoredAlarmTransition? row) => row is null ? null :
        new(row.Id, row.AlarmName, row.Endpoint, row.Time, Enum.Parse<AlarmState>(row.OldState), Enum.Parse<AlarmState>(row.NewState),
            row.Reason, null, row.MutedBy);

    // The audit trail is read by many and kept for ever: the URL's token must never reach it.
    private static string Json(Webhook webhook) => JsonSerializer.Serialize(new
    {
        webhook.Id,
        webhook.Name,
        Url = webhook.RedactedUrl,
        Format = webhook.Format.ToString(),
        webhook.Enabled,
    }, AuditJson);
}
