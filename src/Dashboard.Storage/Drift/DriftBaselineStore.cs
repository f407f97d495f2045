using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Drift;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Drift;

public sealed class DriftBaselineStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IDriftBaselineStore
{
    public async Task<DriftBaseline?> FindAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DriftBaselines.AsNoTracking().SingleOrDefaultAsync(b => b.Endpoint == endpoint, cancellationToken);
        return row is null ? null : ToBaseline(row);
    }

    public Task<DriftBaseline> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        if (DriftBaseline.Validate(from, to, timeProvider.GetUtcNow().ToUnixTimeSeconds()) is { } problem)
        {
            throw new ArgumentException(problem, nameof(from));
        }
        if (note?.Trim().Length > 500)
        {
            throw new ArgumentException("A note can be at most 500 characters.", nameof(note));
        }
        return AuditAppender.SaveAsync<DriftBaseline>(contexts, timeProvider, actor, async (db, now) =>
        {
            var row = await db.DriftBaselines.SingleOrDefaultAsync(b => b.Endpoint == endpoint, cancellationToken);
            var before = row is null ? null : Json(ToBaseline(row));
            if (row is null)
            {
                row = new StoredDriftBaseline { Endpoint = endpoint, SetBy = actor.UserName };
                db.DriftBaselines.Add(row);
            }
            row.Kind = (int)DriftBaselineKind.Window;
            row.From = from;
            row.To = to;
            row.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            row.SetBy = actor.UserName;
            row.SetAt = now.ToUnixTimeSeconds();
            var baseline = ToBaseline(row);
            return () => (baseline, new AuditEvent(AuditActions.DriftBaselinePin, endpoint, endpoint, before, Json(baseline)));
        }, cancellationToken);
    }

    public Task ClearAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.DriftBaselines.SingleOrDefaultAsync(b => b.Endpoint == endpoint, cancellationToken);
            if (row is null)
            {
                return () => (false, null);
            }
            db.DriftBaselines.Remove(row);
            return () => (true, new AuditEvent(AuditActions.DriftBaselineClear, endpoint, endpoint, Json(ToBaseline(row))));
        }, cancellationToken);
    }

    private static DriftBaseline ToBaseline(StoredDriftBaseline row) =>
        new(row.Endpoint, (DriftBaselineKind)row.Kind, row.From, row.To, row.SetBy, DateTimeOffset.FromUnixTimeSeconds(row.SetAt), row.Note);

    private static string Json(DriftBaseline baseline) => JsonSerializer.Serialize(baseline, JsonSerializerOptions.Web);
}
