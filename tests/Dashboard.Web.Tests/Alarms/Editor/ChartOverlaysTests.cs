using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Charts;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Endpoints;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Alarms.Editor;

public sealed class ChartOverlaysTests
{
    private static readonly PanelSpec Latency = PanelSpec.All.Single(p => p.Id == "model-latency");
    private static readonly PanelSpec ErrorRate = PanelSpec.All.Single(p => p.Id == "error-rate");
    private static readonly PanelSpec Errors = PanelSpec.All.Single(p => p.Id == "errors");
    private static readonly PanelSpec Invocations = PanelSpec.All.Single(p => p.Id == "invocations");

    private static readonly AlarmDefinition LatencyAlarm = new()
    {
        Name = "lat",
        Metric = Key(SageMakerMetrics.ModelLatency, "churn", "p90"),
        Threshold = 1_500_000,
    };

    private static readonly AlarmDefinition RateAlarm = new()
    {
        Name = "rate",
        Kind = AlarmKind.MetricMath,
        Metrics = [new AlarmMetric("e", Key(SageMakerMetrics.Invocation5XXErrors, "churn")), new AlarmMetric("i", Key(SageMakerMetrics.Invocations, "churn"))],
        Expression = "100 * e / i",
        Threshold = 2,
    };

    [Fact]
    public void MetricAlarm_BelongsToThePanelOfItsMetric()
    {
        Assert.True(ChartOverlays.Watches(LatencyAlarm, Latency));
        Assert.False(ChartOverlays.Watches(LatencyAlarm, Errors));
    }

    [Fact]
    public void MathAlarm_BelongsToTheNarrowestPanelShowingAllItsMetrics()
    {
        Assert.True(ChartOverlays.Watches(RateAlarm, ErrorRate));
        Assert.False(ChartOverlays.Watches(RateAlarm, Errors));
        Assert.False(ChartOverlays.Watches(RateAlarm, Invocations));
    }

    [Fact]
    public void AlarmSpans_FromTransitionsAndTheStateAtTheStart()
    {
        var entry = new AlarmEntry(LatencyAlarm, new AlarmStatus(AlarmState.Alarm, 900, "", 0, null), "t", DateTimeOffset.UnixEpoch);
        AlarmTransition T(long time, AlarmState from, AlarmState to) => new(time, "lat", "churn", time, from, to, "", null, null);

        var spans = ChartOverlays.AlarmSpans(entry, [T(300, AlarmState.Alarm, AlarmState.Ok), T(900, AlarmState.Ok, AlarmState.Alarm)], 0, 1200);

        // The second is still going on: it grows with the points appended live.
        Assert.Equal([new ChartRange(0, 300_000, "", ChartOverlays.AlarmShade), new ChartRange(900_000, 1_200_000, "", ChartOverlays.AlarmShade, Open: true)], spans);
    }

    [Fact]
    public void AlarmSpans_NoTransitionInRange_CurrentAlarmStateShadesItAll()
    {
        var entry = new AlarmEntry(LatencyAlarm, new AlarmStatus(AlarmState.Alarm, -50, "", 0, null), "t", DateTimeOffset.UnixEpoch);

        Assert.Equal([new ChartRange(0, 600_000, "", ChartOverlays.AlarmShade, Open: true)], ChartOverlays.AlarmSpans(entry, [], 0, 600));
    }

    [Fact]
    public void Apply_DrawsTheThresholdInDisplayUnitsAndKeepsExistingLines()
    {
        var ranges = new List<ChartRange> { new(0, 60_000, "", ChartOverlays.AlarmShade) };
        var overlays = new ChartOverlays([(LatencyAlarm, ranges)], [new ChartMarker(30_000, "alarm.update lat by ana", ChartOverlays.ChangeColor)]);
        var model = new ChartModel("model-latency", "ModelLatency", "ms", [], [new ChartAnnotation(5, "other", "#000")]);

        var drawn = overlays.Apply(model, Latency);

        Assert.Equal([5, 1500], drawn.Annotations.Select(a => a.Y));
        Assert.Equal("lat 1,500", drawn.Annotations[1].Label);
        Assert.Equal(ranges, drawn.Ranges);
        Assert.Single(drawn.Markers);
        Assert.Empty(overlays.Apply(new ChartModel("errors", "Errors", "count", [], []), Errors).Ranges);
    }

    [Fact]
    public void LiveAppend_KeepsRangesAndMarkers()
    {
        var model = new ChartModel("m", "M", "", [new ChartSeries("a", ChartSeriesKind.Line, [new ChartPoint(0, 1)])], [])
        {
            Ranges = [new ChartRange(0, 60_000, "", "#f00")],
            Markers = [new ChartMarker(1, "x", "#00f")],
        };

        var appended = model.WithAppended([new ChartSeries("a", ChartSeriesKind.Line, [new ChartPoint(60_000, 2)])], null);
        var js = ChartJsModel.From(appended);

        Assert.Single(js.Ranges);
        Assert.Single(js.Markers);
    }

    [Fact]
    public void Markers_ABurstOfChangesSharesOneLine()
    {
        var t0 = DateTimeOffset.FromUnixTimeSeconds(1_000_000);
        var changes = new List<Dashboard.Core.Audit.AuditAnnotation>
        {
            new(1, t0, "alarm.create a by erin"),
            new(2, t0.AddSeconds(1), "alarm.create b by erin"),
            new(3, t0.AddSeconds(2), "alarm.create c by erin"),
            new(4, t0.AddSeconds(3), "deployment.propose 2 by erin"),
            new(5, t0.AddMinutes(30), "alarm.update a by erin"),
        };

        var markers = ChartOverlays.Markers(changes);

        Assert.Equal([t0.ToUnixTimeMilliseconds(), t0.AddMinutes(30).ToUnixTimeMilliseconds()], markers.Select(m => m.TimeMs));
        Assert.Equal("4 changes: 3 alarm, 1 deployment", markers[0].Label);
        Assert.Equal("alarm.update a by erin", markers[1].Label);
    }
}
