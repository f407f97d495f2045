using System.Globalization;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Scenario;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>The simulator's bucket in-process (no HTTP): the same catalog S3Endpoints serves, on a pinned clock.</summary>
internal sealed class TestBucket
{
    public const string CreditCapture = "datacapture/credit-risk/credit-risk/AllTraffic/";
    public const string CreditLabels = "ground-truth/credit-risk/";

    public TestBucket(S3Catalog catalog, FleetScenario scenario, SimulatorFaults faults, FakeTimeProvider time)
    {
        Catalog = catalog;
        Scenario = scenario;
        Faults = faults;
        Time = time;
    }

    public S3Catalog Catalog { get; }

    public FleetScenario Scenario { get; }

    public SimulatorFaults Faults { get; }

    public FakeTimeProvider Time { get; }

    public DateTimeOffset Now() => Time.GetUtcNow();

    /// <summary>The bucket of a running simulator host, to read what its wire serves (and what its deployments changed).</summary>
    public static TestBucket Of(Wire.SimulatorHost host) => new(host.App.Services.GetRequiredService<S3Catalog>(),
        host.App.Services.GetRequiredService<FleetScenario>(), host.Faults, host.Time);

    public static TestBucket Create(Action<SimulatorOptions>? configure = null, int seed = 42)
    {
        var settings = new SimulatorOptions { Seed = seed, Anchor = TestClock.Anchor };
        configure?.Invoke(settings);
        var options = Options.Create(settings);
        var time = new FakeTimeProvider(TestClock.Now);
        var scenario = new FleetScenario(settings.Seed, TestClock.Anchor, settings.FleetSize);
        var faults = new SimulatorFaults(options, time);
        return new TestBucket(new S3Catalog(scenario, options, faults), scenario, faults, time);
    }

    public List<S3Entry> List(string prefix, string after = "") => [.. Catalog.List(prefix, after, Now())];

    public S3Entry Find(string key) => Catalog.FindEntry(key, Now()) ?? throw new InvalidOperationException($"No object {key}");

    public byte[] Read(string key) => Catalog.Read(Find(key)).Content;

    public byte[] Read(S3Entry entry) => Catalog.Read(entry).Content;

    /// <summary>The capture files of the hours [<paramref name="from"/>, <paramref name="to"/>) under a variant prefix.</summary>
    public List<S3Entry> CaptureFiles(string variantPrefix, DateTimeOffset from, DateTimeOffset to)
    {
        var files = new List<S3Entry>();
        for (var hour = from; hour < to; hour = hour.AddHours(1))
        {
            files.AddRange(List(variantPrefix + HourPath(hour) + "/"));
        }
        return files;
    }

    public List<CaptureLine> Capture(string variantPrefix, DateTimeOffset from, DateTimeOffset to) =>
        [.. CaptureFiles(variantPrefix, from, to).SelectMany(f => CaptureLine.ParseFile(Read(f)))];

    /// <summary>Every label listed under the prefix, with the collection hour its folder names.</summary>
    public List<(LabelLine Label, DateTimeOffset Collected)> Labels(string prefix) =>
        [.. List(prefix).SelectMany(f => CaptureLine.Lines(Read(f)).Select(line => (LabelLine.Parse(line), HourOf(f.Key, prefix))))];

    public static string HourPath(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture);

    /// <summary>The hour of a key's <c>yyyy/MM/dd/HH/</c> folder right after <paramref name="prefix"/>.</summary>
    public static DateTimeOffset HourOf(string key, string prefix) =>
        DateTimeOffset.ParseExact(key.Substring(prefix.Length, 13), "yyyy/MM/dd/HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
