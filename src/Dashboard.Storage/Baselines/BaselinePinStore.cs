using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Baselines;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Baselines;

public sealed class BaselinePinStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IBaselinePinStore
{
    public async Task<BaselinePin?> FindAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BaselinePins.AsNoTracking().SingleOrDefaultAsync(p => p.Endpoint == endpoint, cancellationToken);
        return row is null ? null : ToPin(row);
    }

    public Task<BaselinePin> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        if (BaselinePin.Validate(from, to, timeProvider.GetUtcNow().ToUnixTimeSeconds()) is { } problem)
        {
            throw new ArgumentException(problem, nameof(from));
        }
        return AuditAppender.SaveAsync<BaselinePin>(contexts, timeProvider, actor, async (db, now) =>
        {
            var row = await db.BaselinePins.SingleOrDefaultAsync(p => p.Endpoint == endpoint, cancellationToken);
            var before = row is null ? null : Json(ToPin(row));
            if (row is null)
            {
                row = new StoredBaselinePin { Endpoint = endpoint, PinnedBy = actor.UserName };
                db.BaselinePins.Add(row);
            }
            row.From = from;
            row.To = to;
            row.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            row.PinnedBy = actor.UserName;
            row.PinnedAt = now.ToUnixTimeSeconds();
            var pin = ToPin(row);
            return () => (pin, new AuditEvent(AuditActions.BaselinePin, endpoint, endpoint, before, Json(pin)));
        }, cancellationToken);
    }

    public Task UnpinAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.BaselinePins.SingleOrDefaultAsync(p => p.Endpoint == endpoint, cancellationToken);
            if (row is null)
            {
                return () => (false, null);
            }
            db.BaselinePins.Remove(row);
            return () => (true, new AuditEvent(AuditActions.BaselineUnpin, endpoint, endpoint, Json(ToPin(row))));
        }, cancellationToken);
    }

    private static BaselinePin ToPin(StoredBaselinePin row) => new(row.Endpoint, row.From, row.To, row.PinnedBy, row.PinnedAt, row.Note);

    private static string Json(BaselinePin pin) => JsonSerializer.Serialize(pin, JsonSerializerOptions.Web);
}
