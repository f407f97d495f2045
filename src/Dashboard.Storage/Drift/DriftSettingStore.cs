using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Drift;

public sealed class DriftSettingStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IDriftSettingStore
{
    public const int MaxFeatureLength = 200;

    public async Task<IReadOnlyDictionary<string, DriftSetting>> ListAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DriftFeatureSettings.AsNoTracking().Where(s => s.Endpoint == endpoint).ToListAsync(cancellationToken);
        return rows.Where(r => Enum.IsDefined((DriftMethod)r.Method)).ToDictionary(r => r.Feature, ToSetting, StringComparer.Ordinal);
    }

    public Task<DriftSetting> SaveAsync(Actor actor, string endpoint, string feature, FeatureType type, DriftMethod method, double threshold,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        if (string.IsNullOrEmpty(feature) || feature.Length > MaxFeatureLength)
        {
            throw new ArgumentException("Choose a feature of this endpoint.", nameof(feature));
        }
        if (DriftMethods.Validate(type, method, threshold) is { } problem)
        {
            throw new ArgumentException(problem, nameof(threshold));
        }
        return AuditAppender.SaveAsync<DriftSetting>(contexts, timeProvider, actor, async (db, now) =>
        {
            var row = await db.DriftFeatureSettings.SingleOrDefaultAsync(s => s.Endpoint == endpoint && s.Feature == feature, cancellationToken);
            var before = row is null ? null : Json(feature, ToSetting(row));
            if (row is null)
            {
                row = new StoredDriftFeatureSetting { Endpoint = endpoint, Feature = feature, SetBy = actor.UserName };
                db.DriftFeatureSettings.Add(row);
            }
            row.Method = (int)method;
            row.Threshold = threshold;
            row.SetBy = actor.UserName;
            row.SetAt = now.ToUnixTimeSeconds();
            var setting = ToSetting(row);
            return () => (setting, new AuditEvent(AuditActions.DriftSettingSave, $"{endpoint}/{feature}", endpoint, before, Json(feature, setting)));
        }, cancellationToken);
    }

    public Task<bool> ResetAsync(Actor actor, string endpoint, string feature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.DriftFeatureSettings.SingleOrDefaultAsync(s => s.Endpoint == endpoint && s.Feature == feature, cancellationToken);
            if (row is null)
            {
                return () => (false, null);
            }
            db.DriftFeatureSettings.Remove(row);
            return () => (true, new AuditEvent(AuditActions.DriftSettingReset, $"{endpoint}/{feature}", endpoint, Json(feature, ToSetting(row))));
        }, cancellationToken);
    }

    private static DriftSetting ToSetting(StoredDriftFeatureSetting row) =>
        new((DriftMethod)row.Method, row.Threshold, row.SetBy, DateTimeOffset.FromUnixTimeSeconds(row.SetAt));

    private static string Json(string feature, DriftSetting setting) =>
        JsonSerializer.Serialize(new { Feature = feature, Method = setting.Method.ToString(), setting.Threshold, setting.SetBy, setting.SetAt }, JsonSerializerOptions.Web);
}
