using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Storage.Alarms;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Notifications;

/// <summary>Mute windows in SQLite; each change and its audit record share a transaction. Days are a bitmask, bit 0 = Sunday.</summary>
public sealed class MuteWindowStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IMuteWindowStore
{
    // Readable in the audit trail ("…", "–" as they are); never embedded in HTML unencoded.
    private static readonly JsonSerializerOptions AuditJson = new(AlarmJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IReadOnlyList<MuteWindow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.MuteWindows.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return rows.Select(ToWindow).ToList();
    }

    public async Task<MuteWindow> CreateAsync(MuteWindow window, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.EditAlarms);
        var now = timeProvider.GetUtcNow();
        var clean = window with
        {
            AlarmName = Blank(window.AlarmName),
            Endpoint = Blank(window.Endpoint),
            Reason = window.Reason?.Trim() ?? "",
            CreatedBy = actor.UserName,
        };
        var errors = clean.Validate(now.ToUnixTimeSeconds());
        if (errors.Count > 0)
        {
            throw new MuteWindowValidationException(errors);
        }

        return await AuditAppender.SaveAsync<MuteWindow>(contexts, timeProvider, actor, async (db, _) =>
        {
            // Checked in the write transaction: a window for a name that is in no fleet would mute nothing, silently.
            if (clean.Endpoint is { } endpoint && !await db.Endpoints.AnyAsync(e => e.Name == endpoint, cancellationToken))
            {
                throw new MuteWindowValidationException([new(nameof(MuteWindow.Endpoint), $"There is no endpoint named '{endpoint}' in the fleet.")]);
            }
            var row = new StoredMuteWindow
            {
                AlarmName = clean.AlarmName,
                Endpoint = clean.Endpoint,
                StartsAt = clean.StartsAt,
                EndsAt = clean.EndsAt,
                Days = ToMask(clean.Days),
                StartMinute = clean.IsRecurring ? clean.StartMinute : 0,
                // A one-off window's length is its bounds; kept in minutes too so every row reads the same way.
                DurationMinutes = clean.IsRecurring ? clean.DurationMinutes : (int)((clean.EndsAt!.Value - clean.StartsAt) / 60),
                Reason = clean.Reason,
                CreatedBy = actor.UserName,
                CreatedAt = now.ToUnixTimeSeconds(),
            };
            db.MuteWindows.Add(row);
            // The id is part of the audited document: the record is made once the row is saved (same transaction).
            return () =>
            {
                var stored = ToWindow(row);
                return (stored, new AuditEvent(AuditActions.MuteCreate, Target(stored), stored.Endpoint, After: Json(stored)));
            };
        }, cancellationToken);
    }

    public Task DeleteAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.EditAlarms);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.MuteWindows.SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
                ?? throw new KeyNotFoundException($"There is no mute window {id}; it may have been deleted already.");
            var stored = ToWindow(row);
            db.MuteWindows.Remove(row);
            return () => (true, new AuditEvent(AuditActions.MuteDelete, Target(stored), stored.Endpoint, Before: Json(stored)));
        }, cancellationToken);
    }

    /// <summary>Bit 0 = Sunday … bit 6 = Saturday (DayOfWeek's numbering).</summary>
    public static int ToMask(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    public static IReadOnlySet<DayOfWeek> FromMask(int mask) =>
        Enum.GetValues<DayOfWeek>().Where(d => (mask & (1 << (int)d)) != 0).ToHashSet();

    private static MuteWindow ToWindow(StoredMuteWindow row) =>
        new(row.Id, row.AlarmName, row.Endpoint, row.StartsAt, row.EndsAt, FromMask(row.Days), row.StartMinute, row.DurationMinutes,
            row.Reason, row.CreatedBy);

    private static string Target(MuteWindow window) => $"mute window {window.Id} ({window.DescribeScope()})";

    private static string Json(MuteWindow window) => JsonSerializer.Serialize(new
    {
        window.Id,
        window.AlarmName,
        window.Endpoint,
        StartsAt = DateTimeOffset.FromUnixTimeSeconds(window.StartsAt),
        EndsAt = window.EndsAt is { } end ? DateTimeOffset.FromUnixTimeSeconds(end) : (DateTimeOffset?)null,
        Days = Enum.GetValues<DayOfWeek>().Where(window.Days.Contains).Select(d => d.ToString()).ToArray(),
        window.StartMinute,
        window.DurationMinutes,
        When = window.Describe(),
        window.Reason,
        window.CreatedBy,
    }, AuditJson);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
