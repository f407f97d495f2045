using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Drift;

public sealed class DriftStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IDriftStore
{
    public async Task<IReadOnlySet<string>> ReadKeysAsync(string endpoint, string prefix, long sinceHour, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.DriftFiles.AsNoTracking()
            .Where(f => f.Endpoint == endpoint && f.FileHour >= sinceHour && f.Key.StartsWith(prefix))
            .Select(f => f.Key).ToListAsync(cancellationToken);
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<long?> NewestFileHourAsync(string endpoint, string prefix, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DriftFiles.AsNoTracking().Where(f => f.Endpoint == endpoint && f.Key.StartsWith(prefix))
            .MaxAsync(f => (long?)f.FileHour, cancellationToken);
    }

    public async Task<bool> SaveCaptureFileAsync(string endpoint, string variant, string key, long fileHour, CaptureFileSummary file, bool keepPredictions,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.DriftFiles.AnyAsync(f => f.Endpoint == endpoint && f.Key == key, cancellationToken))
        {
            return false;
        }
        db.DriftFiles.Add(FileRow(endpoint, key, DriftFileKind.Capture, fileHour, file.Records, file.Skipped, file.Problems));
        foreach (var (start, hour) in file.Hours)
        {
            var at = start.ToUnixTimeSeconds();
            var stored = await db.FeatureHours.Where(f => f.Endpoint == endpoint && f.Hour == at && f.Variant == variant)
                .ToDictionaryAsync(f => f.Feature, StringComparer.Ordinal, cancellationToken);
            var features = hour.Inputs.Select(i => (i.Key, false, i.Value));
            if (hour.Output.Records > 0)
            {
                features = features.Append((CaptureFileReader.PredictionFeature, true, hour.Output));
            }
            foreach (var (name, isOutput, summary) in features)
            {
                if (stored.TryGetValue(name, out var row))
                {
                    var merged = SummaryCodec.Decode(row.Summary);
                    merged.Merge(summary);
                    row.Summary = SummaryCodec.Encode(merged);
                }
                else
                {
                    db.FeatureHours.Add(new StoredFeatureHour
                    {
                        Endpoint = endpoint,
                        Hour = at,
                        Variant = variant,
                        Feature = name,
                        IsOutput = isOutput,
                        Summary = SummaryCodec.Encode(summary),
                    });
                }
            }
            var count = await db.CaptureHours.FindAsync([endpoint, at, variant], cancellationToken);
            if (count is null)
            {
                db.CaptureHours.Add(new StoredCaptureHour { Endpoint = endpoint, Hour = at, Variant = variant, Records = hour.Records });
            }
            else
            {
                count.Records += hour.Records;
            }
        }
        if (keepPredictions)
        {
            await AddPredictionsAsync(db, endpoint, file.Predictions, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<LabelJoin?> SaveLabelFileAsync(string endpoint, string key, long fileHour, IReadOnlyList<GroundTruthLabel> labels, int skipped,
        IReadOnlyList<CaptureProblem> problems, ProblemType problemType, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.DriftFiles.AnyAsync(f => f.Endpoint == endpoint && f.Key == key, cancellationToken))
        {
            return null;
        }
        var predictions = new Dictionary<string, StoredPrediction>(StringComparer.Ordinal);
        foreach (var chunk in labels.Select(l => l.JoinId).Distinct().Chunk(500))
        {
            foreach (var row in await db.Predictions.Where(p => p.Endpoint == endpoint && chunk.Contains(p.JoinId)).ToListAsync(cancellationToken))
            {
                predictions[row.JoinId] = row;
            }
        }
        var hours = new Dictionary<long, StoredQualityHour>();
        long matched = 0;
        foreach (var label in labels)
        {
            if (!predictions.TryGetValue(label.JoinId, out var prediction) || prediction.Labelled || !Add(problemType, prediction, label.Value, out var add))
            {
                continue;
            }
            if (!hours.TryGetValue(prediction.Hour, out var hour))
            {
                hour = await db.QualityHours.FindAsync([endpoint, prediction.Hour], cancellationToken)
                    ?? db.QualityHours.Add(new StoredQualityHour { Endpoint = endpoint, Hour = prediction.Hour, Summary = QualityCodec.Encode(new()) }).Entity;
                hours[prediction.Hour] = hour;
            }
            var summary = QualityCodec.Decode(hour.Summary);
            add(summary);
            hour.Summary = QualityCodec.Encode(summary);
            hour.Labelled++;
            prediction.Labelled = true;
            matched++;
        }
        var unmatched = labels.Count - matched;
        var listed = problems.ToList();
        if (unmatched > 0)
        {
            listed.Insert(0, new CaptureProblem(0, $"{unmatched.ToString(CultureInfo.InvariantCulture)} {(unmatched == 1 ? "label" : "labels")} without a matching, unlabelled prediction"));
        }
        db.DriftFiles.Add(FileRow(endpoint, key, DriftFileKind.GroundTruth, fileHour, labels.Count, skipped, listed));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LabelJoin(matched, unmatched);
    }

    public async Task<IReadOnlyList<FeatureHour>> ReadFeatureHoursAsync(string endpoint, long from, long to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.FeatureHours.AsNoTracking().Where(f => f.Endpoint == endpoint && f.Hour >= from && f.Hour < to)
            .OrderBy(f => f.Hour).ToListAsync(cancellationToken);
        return rows.Select(r => new FeatureHour(r.Variant, r.Feature, r.IsOutput, r.Hour, SummaryCodec.Decode(r.Summary))).ToList();
    }

    public async Task<IReadOnlyList<CaptureHourCount>> ReadCaptureHoursAsync(string endpoint, long from, long to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CaptureHours.AsNoTracking().Where(h => h.Endpoint == endpoint && h.Hour >= from && h.Hour < to)
            .OrderBy(h => h.Hour).Select(h => new CaptureHourCount(h.Variant, h.Hour, h.Records)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QualityHour>> ReadQualityHoursAsync(string endpoint, long from, long to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.QualityHours.AsNoTracking().Where(q => q.Endpoint == endpoint && q.Hour >= from && q.Hour < to)
            .OrderBy(q => q.Hour).ToListAsync(cancellationToken);
        return rows.Select(r => new QualityHour(r.Hour, QualityCodec.Decode(r.Summary), r.Predictions, r.Labelled)).ToList();
    }

    public async Task<IReadOnlyList<DriftFile>> ReadProblemFilesAsync(string endpoint, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DriftFiles.AsNoTracking().Where(f => f.Endpoint == endpoint && f.Problems != null)
            .OrderByDescending(f => f.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(r => new DriftFile(r.Endpoint, r.Key, (DriftFileKind)r.Kind, DateTimeOffset.FromUnixTimeSeconds(r.ReadAt), r.Records, r.Skipped,
            JsonSerializer.Deserialize<List<CaptureProblem>>(r.Problems!, JsonSerializerOptions.Web) ?? [])).ToList();
    }

    public async Task PruneAsync(long before, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.FeatureHours.Where(f => f.Hour < before).ExecuteDeleteAsync(cancellationToken);
        await db.CaptureHours.Where(h => h.Hour < before).ExecuteDeleteAsync(cancellationToken);
        await db.QualityHours.Where(q => q.Hour < before).ExecuteDeleteAsync(cancellationToken);
        await db.Predictions.Where(p => p.Hour < before).ExecuteDeleteAsync(cancellationToken);
        await db.DriftFiles.Where(f => f.FileHour < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task AddPredictionsAsync(DashboardDbContext db, string endpoint, IReadOnlyList<CapturedPrediction> predictions,
        CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in predictions.Select(p => p.JoinId).Distinct().Chunk(500))
        {
            seen.UnionWith(await db.Predictions.Where(p => p.Endpoint == endpoint && chunk.Contains(p.JoinId)).Select(p => p.JoinId).ToListAsync(cancellationToken));
        }
        var added = new Dictionary<long, long>();
        foreach (var prediction in predictions.Where(p => seen.Add(p.JoinId)))
        {
            var hour = prediction.Time.ToUnixTimeSeconds();
            db.Predictions.Add(new StoredPrediction { Endpoint = endpoint, JoinId = prediction.JoinId, Hour = hour, Score = prediction.Score, Label = prediction.Label });
            added[hour] = added.GetValueOrDefault(hour) + 1;
        }
        foreach (var (hour, count) in added)
        {
            var row = await db.QualityHours.FindAsync([endpoint, hour], cancellationToken);
            if (row is null)
            {
                db.QualityHours.Add(new StoredQualityHour { Endpoint = endpoint, Hour = hour, Summary = QualityCodec.Encode(new()), Predictions = count });
            }
            else
            {
                row.Predictions += count;
            }
        }
    }

    /// <summary>How a label adds to a summary: a binary label (1/0, true/false) against the score, or a number against the prediction.</summary>
    private static bool Add(ProblemType type, StoredPrediction prediction, string label, out Action<QualitySummary> add)
    {
        add = _ => { };
        if (prediction.Score is not { } score)
        {
            return false;
        }
        if (type == ProblemType.BinaryClassification)
        {
            bool? positive = label.Trim().ToLowerInvariant() switch
            {
                "1" or "1.0" or "true" => true,
                "0" or "0.0" or "false" => false,
                _ => null,
            };
            if (positive is not { } value)
            {
                return false;
            }
            add = s => s.AddBinary(score, value);
            return true;
        }
        if (!double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var actual) || !double.IsFinite(actual))
        {
            return false;
        }
        add = s => s.AddRegression(score, actual);
        return true;
    }

    private StoredDriftFile FileRow(string endpoint, string key, DriftFileKind kind, long fileHour, long records, int skipped, IReadOnlyList<CaptureProblem> problems) => new()
    {
        Endpoint = endpoint,
        Key = key,
        Kind = (int)kind,
        FileHour = fileHour,
        ReadAt = timeProvider.GetUtcNow().ToUnixTimeSeconds(),
        Records = records,
        Skipped = skipped,
        Problems = problems.Count == 0 ? null : JsonSerializer.Serialize(problems, JsonSerializerOptions.Web),
    };
}
