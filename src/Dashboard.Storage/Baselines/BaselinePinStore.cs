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

    public async Task<BaselinePin> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        var now = timeProvider.GetUtcNow();
        if (BaselinePin.Validate(from, to, now.ToUnixTimeSeconds()) is { } problem)
        {
            throw new ArgumentException(problem, nameof(from));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
        await AuditAppender.AddAsync(db, actor, new AuditEvent(AuditActions.BaselinePin, endpoint, endpoint, before, Json(pin)), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pin;
    }

    public async Task UnpinAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.BaselinePins.SingleOrDefaultAsync(p => p.Endpoint == endpoint, cancellationToken);
        if (row is null)
        {
            return;
        }
        db.BaselinePins.Remove(row);
        await AuditAppender.AddAsync(db, actor, new AuditEvent(AuditActions.BaselineUnpin, endpoint, endpoint, Json(ToPin(row))), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static BaselinePin ToPin(StoredBaselinePin row) => new(row.Endpoint, row.From, row.To, row.PinnedBy, row.PinnedAt, row.Note);

    private static string Json(BaselinePin pin) => JsonSerializer.Serialize(pin, JsonSerializerOptions.Web);
}
