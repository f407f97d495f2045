using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Tests.Shared;

/// <summary>One measurement of an instrument, with its tags.</summary>
public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Listens to the dashboard's meter and activity source ("Dashboard") for one test. The meter is process-wide and tests
/// run in parallel, so the recorder keeps only what happens under its own trace: construct it, and the code under test
/// then runs inside <see cref="Root"/> (measurements are taken on the recording thread, where the test's activity is current).
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private const string Name = "Dashboard";

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityTraceId _trace;

    public TelemetryRecorder()
    {
        Root = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        _trace = Root.TraceId;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == _trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _trace)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    /// <summary>The test's own activity: what is recorded under it is this test's.</summary>
    public Activity Root { get; }

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>Activities of the "Dashboard" source that ended under <see cref="Root"/>.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped];

    /// <summary>The sum of an instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Name, string Value)[] tags) =>
        Of(instrument).Where(m => tags.All(t => m.Tag(t.Name) == t.Value)).Sum(m => m.Value);

    public IReadOnlyList<Measurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
        Root.Stop();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        if (Activity.Current?.TraceId != _trace)
        {
            return;
        }
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }
        _measurements.Enqueue(new Measurement(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }
}
