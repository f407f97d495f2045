using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Deployments;

/// <summary>A deploy window; <see cref="Days"/> is "Mon,Tue,…", the times are minutes after midnight in <see cref="TimeZone"/>.</summary>
public sealed class StoredDeployWindow
{
    public long Id { get; set; }
    public required string Scope { get; set; }
    public required string Days { get; set; }
    public int StartMinute { get; set; }
    public int EndMinute { get; set; }
    public required string TimeZone { get; set; }
    public required string SetBy { get; set; }
    public long SetAt { get; set; }
}

internal sealed class StoredDeployWindowConfiguration : IEntityTypeConfiguration<StoredDeployWindow>
{
    public void Configure(EntityTypeBuilder<StoredDeployWindow> builder) => builder.ToTable("DeployWindows");
}

/// <summary>Deploy windows in SQLite; each change and its audit record share one transaction.</summary>
public sealed class DeployWindowStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IDeployWindowStore
{
    public async Task<IReadOnlyList<DeployWindow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DeployWindows.AsNoTracking().OrderBy(w => w.Scope).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        return rows.Select(ToWindow).ToList();
    }

    public Task<DeployWindow> SaveAsync(DeployWindow window, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        return AuditAppender.SaveAsync<DeployWindow>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = window.Id == 0 ? null : await db.DeployWindows.SingleOrDefaultAsync(w => w.Id == window.Id, cancellationToken);
            var before = row is null ? null : ToWindow(row);
            if (row is null)
            {
                row = new StoredDeployWindow { Scope = "", Days = "", TimeZone = "", SetBy = "" };
                db.DeployWindows.Add(row);
            }
            row.Scope = window.Scope;
            row.Days = string.Join(',', window.Days.Distinct().Order());
            row.StartMinute = window.Start.Hour * 60 + window.Start.Minute;
            row.EndMinute = window.End.Hour * 60 + window.End.Minute;
            row.TimeZone = window.TimeZone;
            row.SetBy = window.SetBy;
            row.SetAt = window.SetAt.ToUnixTimeSeconds();
            return () =>
            {
                var stored = ToWindow(row);
                return (stored, new AuditEvent(AuditActions.DeployWindowSave, $"deploy window #{stored.Id}", stored.Tag is null ? stored.Scope : null,
                    before is null ? null : Json(before), Json(stored)));
            };
        }, cancellationToken);
    }

    public Task DeleteAsync(long id, Actor actor, CancellationToken cancellationToken = default) =>
        AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.DeployWindows.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
            if (row is null)
            {
                return () => (false, null);
            }
            db.DeployWindows.Remove(row);
            var before = ToWindow(row);
            return () => (true, new AuditEvent(AuditActions.DeployWindowDelete, $"deploy window #{id}", before.Tag is null ? before.Scope : null, Json(before)));
        }, cancellationToken);

    private static string Json(DeployWindow window) =>
        JsonSerializer.Serialize(new { scope = window.Scope, window = window.Describe() });

    private static DeployWindow ToWindow(StoredDeployWindow row) => new(row.Id, row.Scope,
        row.Days.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DayOfWeek>).ToList(),
        new TimeOnly(row.StartMinute / 60, row.StartMinute % 60), new TimeOnly(row.EndMinute / 60, row.EndMinute % 60), row.TimeZone, row.SetBy,
        DateTimeOffset.FromUnixTimeSeconds(row.SetAt));
}
