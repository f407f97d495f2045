using System.Text;
using Dashboard.Core.Drift.Capture;

namespace Dashboard.Core.Tests.Drift;

public sealed class CaptureFileReaderTests
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Csv_ColumnsAreNamedByPositionAndTheOutputIsThePrediction()
    {
        var file = Read(
            Line(Csv("52000,0.31,web"), Csv("0.83"), "e1", time: "2026-12-07T10:05:00Z"),
            Line(Csv("61000,,branch"), Csv("0.12"), "e2", time: "2026-12-07T11:01:00Z"));

        var ten = file.Hours[Hour];
        Assert.Equal(1, ten.Records);
        Assert.Equal(52000, ten.Inputs["_c0"].Sum);
        Assert.Equal("web", Assert.Single(ten.Inputs["_c2"].Categories.Counts).Key);
        Assert.Equal(1, file.Hours[Hour.AddHours(1)].Inputs["_c1"].Missing);
        Assert.Equal(0.83, ten.Output.Sum, 12);
        Assert.Equal([("e1", 0.83), ("e2", 0.12)], file.Predictions.Select(p => (p.JoinId, p.Score!.Value)));
    }

    [Fact]
    public void Json_NamedFeaturesNullsAndTheInferenceIdJoin()
    {
        var file = Read(
            Line(Json("""{"income":52000,"channel":"web","age":null}"""), Json("""{"score":0.7}"""), "e1", inferenceId: "req-1"),
            Line(Json("""{"income":48000}"""), Json("0.2"), "e2"));

        var hour = file.Hours[Hour];
        Assert.Equal(2, hour.Records);
        Assert.Equal(100_000, hour.Inputs["income"].Sum);
        Assert.Equal(1, hour.Inputs["age"].Missing);
        // "channel" is absent from the second record: the hour's record count tells how many lacked it.
        Assert.Equal(1, hour.Inputs["channel"].Records);
        Assert.Equal(["req-1", "e2"], file.Predictions.Select(p => p.JoinId));
    }

    [Fact]
    public void Base64_IsDecodedByItsContentType()
    {
        var csv = Convert.ToBase64String(Encoding.UTF8.GetBytes("1,2,3"));
        var json = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"a":"x"}"""));
        var file = Read(
            Line(Payload("text/csv", "BASE64", csv), Csv("1"), "e1"),
            Line(Payload("application/json", "BASE64", json), Csv("0"), "e2"));

        Assert.Equal(3, file.Hours[Hour].Inputs["_c2"].Sum);
        Assert.Equal(1, file.Hours[Hour].Inputs["a"].Categories.Total);
    }

    [Fact]
    public void BadLines_AreSkippedAndReportedByLine_NeverSummarised()
    {
        var file = Read(
            Line(Csv("1,2,3"), Csv("0.1"), "e1"),
            "{not json",
            Line(Csv("1,2"), Csv("0.1"), "e3"),
            Line(Payload("text/csv", "GZIP", "abc"), Csv("0.1"), "e4"),
            Line(Payload("application/x-npy", "BASE64", "AAAA"), Csv("0.1"), "e5"),
            Line(Payload("text/csv", "BASE64", "%%%"), Csv("0.1"), "e6"),
            Line(Csv("4,5,6"), Csv("0.2"), "e7"));

        Assert.Equal(2, file.Records);
        Assert.Equal(5, file.Hours[Hour].Inputs["_c0"].Sum);
        Assert.Equal(5, file.Skipped);
        Assert.Equal([2, 3, 4, 5, 6], file.Problems.Select(p => p.Line));
        Assert.Contains("2 CSV fields where the file's records have 3", file.Problems[1].Message);
        Assert.Contains("unknown encoding 'GZIP'", file.Problems[2].Message);
        Assert.Contains("application/x-npy", file.Problems[3].Message);
        Assert.Equal(["e1", "e7"], file.Predictions.Select(p => p.JoinId));
    }

    [Fact]
    public void TimeMissingOrUnreadable_FallsBackToTheFilesHour()
    {
        var file = Read(Line(Csv("1"), Csv("0"), "e1", time: "yesterday"));
        Assert.Equal(1, file.Hours[Hour].Records);
    }

    [Fact]
    public void ABatchRequest_CountsEachRow()
    {
        var file = Read(Line(Csv("1,2\n3,4"), Csv("0.1\n0.2"), "e1"), Line(Csv("5,6"), Csv("0.3"), "e2"));

        Assert.Equal(3, file.Records);
        Assert.Equal(9, file.Hours[Hour].Inputs["_c0"].Sum);
    }

    [Fact]
    public void ATypeChange_CountsAsTheOtherType()
    {
        var file = Read(Line(Json("""{"income":52000}"""), Csv("0"), "e1"), Line(Json("""{"income":"52k"}"""), Csv("0"), "e2"),
            Line(Json("""{"income":1}"""), Csv("0"), "e3"));

        Assert.Equal(1, file.Hours[Hour].Inputs["income"].WrongType);
    }

    [Fact]
    public void Csv_AQuotedLineBreak_StillKeepsRecordsAndRowsTogether()
    {
        var file = Read(Line(Csv("\"two\nlines\",1"), Csv("0.1"), "e1"), Line(Csv("plain,2"), Csv("0.2"), "e2"));

        Assert.Equal(2, file.Records);
        Assert.Equal(3, file.Hours[Hour].Inputs["_c1"].Sum);
        Assert.Equal(0, file.Skipped);
    }

    [Fact]
    public void Json_ABrokenRecordAddsNothing_ArraysAndNestedValuesAreRead()
    {
        var file = Read(
            Line(Json("""{"a":1,"b":"""), Csv("0"), "e1"),
            Line(Json("[4,\"x\"]"), Csv("0"), "e2"),
            Line(Json("""[{"a":2},{"a":3,"n":{"deep":1}}]"""), Csv("0"), "e3"));

        var hour = file.Hours[Hour];
        Assert.Equal(3, hour.Records);
        Assert.Equal(5, hour.Inputs["a"].Sum);
        Assert.Equal(1, hour.Inputs["n"].Missing);
        Assert.Equal(4, hour.Inputs["_c0"].Sum);
        Assert.Equal([1], file.Problems.Select(p => p.Line));
    }

    private static CaptureFileSummary Read(params string[] lines) =>
        CaptureFileReader.Read(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), Hour);

    private static string Csv(string data) => Payload("text/csv", "CSV", data);

    private static string Json(string data) => Payload("application/json", "JSON", data);

    private static string Payload(string type, string encoding, string data) =>
        $$"""{"observedContentType":"{{type}}","mode":"X","data":{{System.Text.Json.JsonSerializer.Serialize(data)}},"encoding":"{{encoding}}"}""";

    private static string Line(string input, string output, string eventId, string time = "2026-12-07T10:05:00Z", string? inferenceId = null) =>
        $$"""{"captureData":{"endpointInput":{{input}},"endpointOutput":{{output}}},"eventMetadata":{"eventId":"{{eventId}}"{{(inferenceId is null ? "" : $",\"inferenceId\":\"{inferenceId}\"")}},"inferenceTime":"{{time}}"},"eventVersion":"0"}""";
}
