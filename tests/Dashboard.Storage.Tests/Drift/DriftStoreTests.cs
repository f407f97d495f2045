using System.Text;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.Quality;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Drift;

public class DriftStoreTests
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly long At = Hour.ToUnixTimeSeconds();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveCaptureFile_TheSameKeyTwice_CountsItOnce()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftStore>();
        var file = Capture(("e1", "1,web", 0.8), ("e2", "3,branch", 0.2));

        Assert.True(await store.SaveCaptureFileAsync("ep", "AllTraffic", "cap/a.jsonl", At, file, keepPredictions: true, Ct));
        Assert.False(await store.SaveCaptureFileAsync("ep", "AllTraffic", "cap/a.jsonl", At, file, keepPredictions: true, Ct));

        var hours = await store.ReadFeatureHoursAsync("ep", At, At + 3600, Ct);
        Assert.Equal(2, hours.Single(h => h.Feature == "_c0").Summary.Records);
        Assert.True(hours.Single(h => h.Feature == CaptureFileReader.PredictionFeature).IsOutput);
        Assert.Equal(2, Assert.Single(await store.ReadCaptureHoursAsync("ep", At, At + 3600, Ct)).Records);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM DriftPredictions"));
        Assert.Equal(["cap/a.jsonl"], await store.ReadKeysAsync("ep", "cap/", At, Ct));
    }

    [Fact]
    public async Task SaveCaptureFile_TwoFilesOfOneHour_MergeTheirSummaries()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftStore>();

        await store.SaveCaptureFileAsync("ep", "AllTraffic", "cap/a.jsonl", At, Capture(("e1", "1,web", 0.8)), keepPredictions: false, Ct);
        await store.SaveCaptureFileAsync("ep", "AllTraffic", "cap/b.jsonl", At, Capture(("e2", "5,web", 0.1)), keepPredictions: false, Ct);

        var income = (await store.ReadFeatureHoursAsync("ep", At, At + 3600, Ct)).Single(h => h.Feature == "_c0").Summary;
        Assert.Equal((2L, 6.0), (income.Records, income.Sum));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM DriftPredictions"));
    }

    [Fact]
    public async Task SaveLabelFile_JoinsLabelsToTheirPredictionsHours_AndReportsTheRest()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftStore>();
        await store.SaveCaptureFileAsync("ep", "AllTraffic", "cap/a.jsonl", At, Capture(("e1", "1", 0.8), ("e2", "2", 0.3), ("e3", "3", 0.6)), true, Ct);

        var join = await store.SaveLabelFileAsync("ep", "gt/1.jsonl", At + 7200,
            [new("e1", "1"), new("e2", "0"), new("e3", "0"), new("nobody", "1"), new("e1", "1")], 1, [new CaptureProblem(4, "bad")],
            ProblemType.BinaryClassification, Ct);

        Assert.Equal(new LabelJoin(3, 2), join);
        var quality = Assert.Single(await store.ReadQualityHoursAsync("ep", At, At + 3600, Ct));
        Assert.Equal((3L, 3L), (quality.Predictions, quality.Labelled));
        Assert.Equal(2 / 3.0, QualityMetrics.Find(quality.Summary, ProblemType.BinaryClassification, QualityMetrics.Accuracy)!.Value, 12);
        var problems = Assert.Single(await store.ReadProblemFilesAsync("ep", 10, Ct));
        Assert.Equal(DriftFileKind.GroundTruth, problems.Kind);
        Assert.Equal("2 labels without a matching, unlabelled prediction", problems.Problems[0].Message);
        Assert.Null(await store.SaveLabelFileAsync("ep", "gt/1.jsonl", At + 7200, [new("e2", "0")], 0, [], ProblemType.BinaryClassification, Ct));
        await store.SaveLabelFileAsync("ep", "gt/2.jsonl", At + 7200, [new("stranger", "1")], 0, [], ProblemType.BinaryClassification, Ct);
        var single = (await store.ReadProblemFilesAsync("ep", 10, Ct)).Single(f => f.Key == "gt/2.jsonl");
        Assert.Equal("1 label without a matching, unlabelled prediction", single.Problems[0].Message);
    }

    [Fact]
    public async Task Prune_DeletesOnlyWhatIsOlder()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftStore>();
        await store.SaveCaptureFileAsync("ep", "AllTraffic", "cap/a.jsonl", At, Capture(("e1", "1", 0.8)), true, Ct);
        await store.SaveCaptureFileAsync("ep", "AllTraffic", "cap/b.jsonl", At + 3600, Capture(("e2", "1", 0.8), hour: Hour.AddHours(1)), true, Ct);

        await store.PruneAsync(At + 3600, Ct);

        Assert.Equal(At + 3600, Assert.Single(await store.ReadCaptureHoursAsync("ep", 0, long.MaxValue, Ct)).Hour);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM DriftPredictions"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM DriftFiles"));
    }

    private static CaptureFileSummary Capture(params (string Id, string Csv, double Score)[] records) => Capture(records, Hour);

    private static CaptureFileSummary Capture((string Id, string Csv, double Score)[] records, DateTimeOffset hour)
    {
        var time = hour.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var lines = records.Select(r => $$$"""
            {"captureData":{"endpointInput":{"data":"{{{r.Csv}}}","encoding":"CSV"},"endpointOutput":{"data":"{{{r.Score}}}","encoding":"CSV"}},"eventMetadata":{"eventId":"{{{r.Id}}}","inferenceTime":"{{{time}}}"}}
            """);
        return CaptureFileReader.Read(Encoding.UTF8.GetBytes(string.Join('\n', lines)), hour);
    }

    private static CaptureFileSummary Capture((string Id, string Csv, double Score) record, DateTimeOffset hour) => Capture([record], hour);
}
