using System.Text;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Drift.Quality;

namespace Dashboard.Core.Tests.Drift;

public sealed class BaselineDataSetReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csv_WithAHeaderAndALabel_SummarisesEachColumnByName_AndLeavesTheLabelOut()
    {
        var set = await ReadAsync("amount,channel,label\n10,web,1\n20,app,0\n30,web,1\n", DataSetFormat.Csv);

        Assert.Equal(["amount", "channel"], set.Columns);
        Assert.Equal(["amount", "channel"], set.Features.Keys.Order());
        Assert.Equal((3L, 20.0, 10.0, 30.0), (set.Features["amount"].Numbers.Count, set.Features["amount"].Mean, set.Features["amount"].Min, set.Features["amount"].Max));
        Assert.Equal(2, set.Features["channel"].Categories.Counts["web"]);
        Assert.Equal(("label", 3L, 0), (set.LabelColumn, set.Records, set.Skipped));
    }

    [Fact]
    public async Task Csv_ARowOfTheWrongWidth_IsCountedWithItsLine_AndAddsNothing()
    {
        var set = await ReadAsync("amount,channel,label\n10,web,1\n999,web\n30,app,0,extra\n50,app,0\n", DataSetFormat.Csv);

        Assert.Equal((2L, 2), (set.Records, set.Skipped));
        Assert.Equal([new CaptureProblem(3, "2 fields where the header has 3"), new CaptureProblem(4, "4 fields where the header has 3")], set.Problems);
        Assert.Equal(60, set.Features["amount"].Sum);
    }

    [Fact]
    public async Task JsonLines_ALineThatIsNotAnObject_IsSkippedByLine_TheRestRead()
    {
        var set = await ReadAsync("{\"amount\": 10, \"channel\": \"web\", \"label\": 1}\n\n{\"amount\": 20, \n[1, 2]\n{\"amount\": 40, \"channel\": \"app\", \"label\": 0}\n",
            DataSetFormat.JsonLines);

        Assert.Equal((2L, 2), (set.Records, set.Skipped));
        Assert.Equal([3, 4], set.Problems.Select(p => p.Line));
        Assert.Equal(50, set.Features["amount"].Sum);
        Assert.DoesNotContain("label", set.Features.Keys);
    }

    [Fact]
    public async Task Regressor_WithoutAPredictionColumn_ItsLabelIsThePredictionsBaseline()
    {
        var set = await ReadAsync("{\"price\": 3.5, \"label\": 12.5}\n{\"price\": 4.5, \"label\": 17.5}\n", DataSetFormat.JsonLines, ProblemType.Regression);

        Assert.Equal(15, set.Features[CaptureFileReader.PredictionFeature].Mean);
        Assert.Equal(0, set.Quality.Count);
    }

    [Fact]
    public async Task Classifier_WithAPredictionColumn_GivesTheBaselinesQuality_AndThePredictionsSummary()
    {
        var set = await ReadAsync("amount,prediction,label\n1,0.9,1\n2,0.2,0\n3,0.7,0\n4,0.1,1\n", DataSetFormat.Csv, ProblemType.BinaryClassification);

        Assert.Equal((1L, 1L, 1L, 1L), (set.Quality.TruePositives, set.Quality.TrueNegatives, set.Quality.FalsePositives, set.Quality.FalseNegatives));
        Assert.Equal(["amount"], set.Columns);
        Assert.Equal(4, set.Features[CaptureFileReader.PredictionFeature].Numbers.Count);
        Assert.Equal(["amount"], set.UsableFeatures);
    }

    [Fact]
    public async Task Csv_OnlyALabelAndEmptyColumns_HasNoUsableFeature()
    {
        var set = await ReadAsync("a,b,label\n,,1\n,,0\n", DataSetFormat.Csv);

        Assert.Equal(2, set.Records);
        Assert.Empty(set.UsableFeatures);
    }

    [Theory]
    [InlineData("datasets/x/train.csv", DataSetFormat.Csv)]
    [InlineData("datasets/x/train.JSONL", DataSetFormat.JsonLines)]
    [InlineData("datasets/x/train.ndjson", DataSetFormat.JsonLines)]
    [InlineData("datasets/x/train.parquet", null)]
    public void FormatOf_NamesTheFormatByTheKeysExtension(string key, DataSetFormat? format) => Assert.Equal(format, BaselineDataSetReader.FormatOf(key));

    private static async Task<BaselineDataSet> ReadAsync(string text, DataSetFormat format, ProblemType? type = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await BaselineDataSetReader.ReadAsync("s3://b/k", stream, format, "label", type, Ct);
    }
}
