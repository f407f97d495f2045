using System.Globalization;
using Dashboard.Simulator.S3;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>How much is captured and how it is cut into files: a realistic hourly volume, several files an hour named
/// after the moment they opened, each landing a minute or two after its last record.</summary>
public sealed class CaptureVolumeTests
{
    private static readonly TestBucket Bucket = TestBucket.Create();

    private static double AverageVariantHour(TestBucket bucket, string endpoint, int days)
    {
        var records = bucket.Catalog.Records(endpoint)!;
        var hours = Enumerable.Range(1, days * 24).Select(h => TestClock.Anchor.AddHours(-h)).ToList();
        var variants = records.Endpoint.Variants.Select(v => v.Name).ToList();
        return hours.Sum(h => variants.Sum(v => new CaptureHour(records, v, h).Records)) / (double)(hours.Count * variants.Count);
    }

    [Theory]
    [InlineData("credit-risk", 7)]
    [InlineData("pricing-ab", 5)] // created 6 days before the anchor
    public void Volume_WholeDays_AverageVariantHourIsTheSetting(string endpoint, int days)
    {
        Assert.InRange(AverageVariantHour(Bucket, endpoint, days), 1_100, 1_300);
    }

    [Fact]
    public void Volume_CaptureRecordsPerHour_Scales()
    {
        var bucket = TestBucket.Create(o => o.CaptureRecordsPerHour = 300);

        Assert.InRange(AverageVariantHour(bucket, "churn-prod", 7), 270, 330);
    }

    [Fact]
    public void Volume_BusyAfternoon_MoreThanTheNight()
    {
        var records = Bucket.Catalog.Records("credit-risk")!;

        // Tuesday 3 March: 03:00 UTC is the trough of the business-hours load, 15:00 the peak.
        var night = new CaptureHour(records, "AllTraffic", new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero)).Records;
        var afternoon = new CaptureHour(records, "AllTraffic", new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero)).Records;

        Assert.True(afternoon > 3 * night, $"{afternoon} vs {night}");
    }

    [Fact]
    public void Files_ADay_FourToTwelveAnHourNamedWhenOpenedLandingAfterTheirLastRecord()
    {
        var day = TestClock.Anchor.AddDays(-2);
        for (var hour = day; hour < day.AddDays(1); hour = hour.AddHours(1))
        {
            var folder = TestBucket.CreditCapture + TestBucket.HourPath(hour) + "/";
            var files = Bucket.List(folder);
            Assert.InRange(files.Count, 4, 12);
            var previousLast = DateTimeOffset.MinValue;
            foreach (var file in files)
            {
                var name = file.Key[folder.Length..];
                Assert.Matches(@"^\d\d-\d\d-\d\d\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl$", name);
                var opened = hour.AddMinutes(int.Parse(name[..2], CultureInfo.InvariantCulture))
                    .AddSeconds(int.Parse(name[3..5], CultureInfo.InvariantCulture));
                var lines = CaptureLine.ParseFile(Bucket.Read(file));
                Assert.All(lines, l => Assert.Equal(hour, SimulatorApp.FloorToHour(l.InferenceTime)));
                Assert.Equal(lines.Select(l => l.InferenceTime).Order(), lines.Select(l => l.InferenceTime));
                Assert.Equal(lines[0].InferenceTime, opened);
                Assert.True(lines[0].InferenceTime >= previousLast);
                var sinceLast = file.LastModified - lines[^1].InferenceTime;
                Assert.InRange(sinceLast, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(4));
                previousLast = lines[^1].InferenceTime;
            }
            Assert.Equal(files.Select(f => f.LastModified).Order(), files.Select(f => f.LastModified));
        }
    }

    [Fact]
    public void Listing_CurrentHour_OnlyFilesThatHaveLanded()
    {
        var bucket = TestBucket.Create();
        var folder = TestBucket.CreditCapture + TestBucket.HourPath(TestClock.Anchor) + "/";

        var now = bucket.List(folder);
        bucket.Time.Advance(TimeSpan.FromMinutes(30));
        var later = bucket.List(folder);

        Assert.NotEmpty(now);
        Assert.All(now, f => Assert.True(f.LastModified <= TestClock.Now));
        Assert.True(later.Count > now.Count);
        Assert.Equal(now.Select(f => f.Key), later.Take(now.Count).Select(f => f.Key));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(2)]
    public void History_CaptureHistoryDays_OldestHourFolder(int days)
    {
        var bucket = TestBucket.Create(o => o.CaptureHistoryDays = days);

        var files = bucket.List(TestBucket.CreditCapture);

        Assert.Equal(TestClock.Anchor.AddDays(-days), TestBucket.HourOf(files[0].Key, TestBucket.CreditCapture));
        Assert.Equal(TestClock.Anchor, TestBucket.HourOf(files[^1].Key, TestBucket.CreditCapture));
        var older = TestBucket.Create(o => o.CaptureHistoryDays = days + 1)
            .List(TestBucket.CreditCapture + TestBucket.HourPath(TestClock.Anchor.AddDays(-days).AddHours(-1)) + "/");
        Assert.NotEmpty(older);
        Assert.Null(bucket.Catalog.FindEntry(older[0].Key, TestClock.Now));
        Assert.NotNull(bucket.Catalog.FindEntry(files[0].Key, TestClock.Now));
    }

    [Theory]
    [InlineData(0, 8, "Simulator:CaptureRecordsPerHour must be between 1 and 100000 (was 0).")]
    [InlineData(100_001, 8, "Simulator:CaptureRecordsPerHour must be between 1 and 100000 (was 100001).")]
    [InlineData(1_200, 0, "Simulator:CaptureHistoryDays must be between 1 and 31 (was 0).")]
    [InlineData(1_200, 32, "Simulator:CaptureHistoryDays must be between 1 and 31 (was 32).")]
    public void Validator_CaptureSettingsOutOfRange_NamesTheKey(int records, int days, string error)
    {
        var result = new SimulatorOptionsValidator().Validate(null,
            new SimulatorOptions { CaptureRecordsPerHour = records, CaptureHistoryDays = days });

        Assert.Equal([error], result.Failures);
    }

    [Fact]
    public void Validator_CaptureDefaults_Pass()
    {
        var defaults = new SimulatorOptions();

        Assert.Equal((1_200, 8), (defaults.CaptureRecordsPerHour, defaults.CaptureHistoryDays));
        Assert.Equal(ValidateOptionsResult.Success, new SimulatorOptionsValidator().Validate(null, defaults));
    }
}
