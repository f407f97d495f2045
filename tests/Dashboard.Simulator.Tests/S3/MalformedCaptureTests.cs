using System.Text.Json;
using Dashboard.Simulator.Faults;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// The MalformedCaptureEndpoint fault: one capture file per variant-hour of the named endpoint holds a line that is
/// not JSON and a record whose CSV input has one field too many; off, every line is well formed.
/// </summary>
public sealed class MalformedCaptureTests
{
    private static readonly DateTimeOffset From = TestClock.Anchor.AddHours(-4);

    private static bool IsJson(string line)
    {
        try
        {
            JsonDocument.Parse(line).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Per file of the hours: lines that are not JSON, and CSV inputs with a field count other than <paramref name="fields"/>.</summary>
    private static List<(string Key, int NotJson, int WrongFields)> BadLines(TestBucket bucket, string prefix, int fields) =>
        [.. bucket.CaptureFiles(prefix, From, From.AddHours(3)).Select(f =>
        {
            var lines = CaptureLine.Lines(bucket.Read(f));
            var parsed = lines.Where(IsJson).Select(CaptureLine.Parse).ToList();
            return (f.Key, lines.Length - parsed.Count,
                parsed.Count(p => p.InputContentType == "text/csv" && p.CsvFields.Length != fields));
        })];

    [Fact]
    public void Off_ByDefault_EveryLineWellFormed()
    {
        var bucket = TestBucket.Create();

        Assert.Null(new FaultOptions().MalformedCaptureEndpoint);
        Assert.All(BadLines(bucket, "datacapture/churn-prod/churn-prod/AllTraffic/", 4), f => Assert.Equal((0, 0), (f.NotJson, f.WrongFields)));
        Assert.All(BadLines(bucket, TestBucket.CreditCapture, 6), f => Assert.Equal((0, 0), (f.NotJson, f.WrongFields)));
    }

    [Fact]
    public void On_CsvEndpoint_OneFilePerHourWithOneBadLineOfEachKind()
    {
        var bucket = TestBucket.Create();
        var before = bucket.CaptureFiles("datacapture/churn-prod/churn-prod/AllTraffic/", From, From.AddHours(3))
            .ToDictionary(f => f.Key, f => bucket.Read(f));

        bucket.Faults.Set(new FaultOptions { MalformedCaptureEndpoint = "churn-prod" });
        var bad = BadLines(bucket, "datacapture/churn-prod/churn-prod/AllTraffic/", 4);

        Assert.Equal(3, bad.Count(f => f.NotJson > 0));
        Assert.All(bad.Where(f => f.NotJson > 0), f => Assert.Equal((1, 1), (f.NotJson, f.WrongFields)));
        Assert.All(bad.Where(f => f.NotJson == 0), f => Assert.Equal(0, f.WrongFields));
        Assert.Equal(3, bad.GroupBy(f => TestBucket.HourOf(f.Key, "datacapture/churn-prod/churn-prod/AllTraffic/"))
            .Count(h => h.Count(f => f.NotJson > 0) == 1));
        Assert.All(BadLines(bucket, TestBucket.CreditCapture, 6), f => Assert.Equal((0, 0), (f.NotJson, f.WrongFields)));

        // Off again: the files read as they were.
        bucket.Faults.Clear();
        Assert.All(before, f => Assert.Equal(f.Value, bucket.Read(f.Key)));
    }

    [Fact]
    public void On_JsonEndpoint_BadCsvRecordAmongTheJsonOnes()
    {
        var bucket = TestBucket.Create(o => o.Faults.MalformedCaptureEndpoint = "credit-risk");

        var bad = BadLines(bucket, TestBucket.CreditCapture, 6);

        Assert.Equal(3, bad.Count(f => f.NotJson == 1 && f.WrongFields == 1));
        Assert.Equal(bad.Count - 3, bad.Count(f => f.NotJson == 0 && f.WrongFields == 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-credit-risk")]
    [InlineData("credit_risk")]
    public void Validate_NotAnEndpointName_NamesTheField(string name)
    {
        var error = Assert.Single(FaultOptionsValidator.Validate(new FaultOptions { MalformedCaptureEndpoint = name }));

        Assert.Equal("MalformedCaptureEndpoint", error.Field);
        Assert.Equal("Simulator:Faults:MalformedCaptureEndpoint", error.ConfigurationKey);
    }
}
