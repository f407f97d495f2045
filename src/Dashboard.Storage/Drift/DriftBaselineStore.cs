using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
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
            var (row, before) = await ReplaceAsync(db, endpoint, actor, now, DriftBaselineKind.Window, cancellationToken);
            row.From = from;
            row.To = to;
            row.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            var baseline = ToBaseline(row);
            return () => (baseline, new AuditEvent(AuditActions.DriftBaselinePin, endpoint, endpoint, before, Json(baseline)));
        }, cancellationToken);
    }

    public Task<DriftBaseline> SetDataSetAsync(Actor actor, string endpoint, BaselineDataSet dataSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(dataSet);
        actor.Demand(Permission.PinBaselines);
        return AuditAppender.SaveAsync<DriftBaseline>(contexts, timeProvider, actor, async (db, now) =>
        {
            var (row, before) = await ReplaceAsync(db, endpoint, actor, now, DriftBaselineKind.DataSet, cancellationToken);
            row.Uri = dataSet.Uri;
            row.Records = dataSet.Records;
            row.Skipped = dataSet.Skipped;
            row.Problems = dataSet.Problems.Count == 0 ? null : JsonSerializer.Serialize(dataSet.Problems, JsonSerializerOptions.Web);
            row.Columns = JsonSerializer.Serialize(dataSet.Columns, JsonSerializerOptions.Web);
            row.LabelColumn = dataSet.LabelColumn;
            row.Quality = dataSet.Quality.Count == 0 ? null : QualityCodec.Encode(dataSet.Quality);
            db.DriftBaselineFeatures.AddRange(dataSet.Features.Select(f =>
                new StoredDriftBaselineFeature { Endpoint = endpoint, Feature = f.Key, Summary = SummaryCodec.Encode(f.Value) }));
            var baseline = ToBaseline(row);
            var after = JsonSerializer.Serialize(new { baseline.Kind, baseline.Uri, dataSet.Records, dataSet.Skipped, Features = dataSet.Features.Keys.Order(StringComparer.Ordinal) },
                JsonSerializerOptions.Web);
            return () => (baseline, new AuditEvent(AuditActions.DriftBaselineDataSet, endpoint, endpoint, before, after));
        }, cancellationToken);
    }

    public async Task<BaselineDataSet?> ReadDataSetAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DriftBaselines.AsNoTracking().SingleOrDefaultAsync(b => b.Endpoint == endpoint, cancellationToken);
        if (row is null || row.Kind != (int)DriftBaselineKind.DataSet)
        {
            return null;
        }
        var features = await db.DriftBaselineFeatures.AsNoTracking().Where(f => f.Endpoint == endpoint).ToListAsync(cancellationToken);
        return new BaselineDataSet(row.Uri ?? "",
            row.Columns is null ? [] : JsonSerializer.Deserialize<List<string>>(row.Columns, JsonSerializerOptions.Web) ?? [],
            features.ToDictionary(f => f.Feature, f => SummaryCodec.Decode(f.Summary), StringComparer.Ordinal),
            row.Quality is null ? new QualitySummary() : QualityCodec.Decode(row.Quality), row.Records, row.Skipped,
            row.Problems is null ? [] : JsonSerializer.Deserialize<List<CaptureProblem>>(row.Problems, JsonSerializerOptions.Web) ?? [], row.LabelColumn);
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
            await db.DriftBaselineFeatures.Where(f => f.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken);
            return () => (true, new AuditEvent(AuditActions.DriftBaselineClear, endpoint, endpoint, Json(ToBaseline(row))));
        }, cancellationToken);
    }

    /// <summary>The endpoint's row made ready for a new choice (a window replaces a data set and the other way round), and the old one as JSON.</summary>
    private static async Task<(StoredDriftBaseline Row, string? Before)> ReplaceAsync(DashboardDbContext db, string endpoint, Actor actor, DateTimeOffset now,
        DriftBaselineKind kind, CancellationToken cancellationToken)
    {
        var row = await db.DriftBaselines.SingleOrDefaultAsync(b => b.Endpoint == endpoint, cancellationToken);
        var before = row is null ? null : Json(ToBaseline(row));
        if (row is null)
        {
            row = new StoredDriftBaseline { Endpoint = endpoint, SetBy = actor.UserName };
            db.DriftBaselines.Add(row);
        }
        await db.DriftBaselineFeatures.Where(f => f.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken);
        row.Kind = (int)kind;
        row.From = 0;
        row.To = 0;
        row.Note = null;
        row.Uri = null;
        row.Records = 0;
        row.Skipped = 0;
        row.Problems = null;
        row.Columns = null;
        row.LabelColumn = null;
        row.Quality = null;
        row.SetBy = actor.UserName;
        row.SetAt = now.ToUnixTimeSeconds();
        return (row, before);
    }

    private static DriftBaseline ToBaseline(StoredDriftBaseline row) =>
        new(row.Endpoint, (DriftBaselineKind)row.Kind, row.From, row.To, row.SetBy, DateTimeOffset.FromUnixTimeSeconds(row.SetAt), row.Note, row.Uri);

    private static string Json(DriftBaseline baseline) => JsonSerializer.Serialize(baseline, JsonSerializerOptions.Web);
}
