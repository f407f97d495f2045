using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Tests.Alarms;

public class MirrorAgreementTests
{
    private const long T = 1_767_225_600;

    private static AlarmStatus Ours(AlarmState state, long since, CloudWatchView? view) =>
        new(state, since, "ours", since, null, view);

    [Fact]
    public void Compare_SameState_NoDisagreement()
    {
        var (disagrees, explanation) = MirrorAgreement.Compare(Ours(AlarmState.Ok, T, new CloudWatchView(AlarmState.Ok, "r", T + 600, Since: T)));

        Assert.False(disagrees);
        Assert.Contains("both are OK", explanation);
    }

    [Fact]
    public void Compare_DifferentForLongerThanGrace_Flagged()
    {
        var (disagrees, explanation) = MirrorAgreement.Compare(
            Ours(AlarmState.Alarm, T, new CloudWatchView(AlarmState.Ok, "Threshold Crossed: no", T + 181, Since: T - 3600)));

        Assert.True(disagrees);
        Assert.Equal("CloudWatch is OK but the dashboard is ALARM. CloudWatch's reason: Threshold Crossed: no", explanation);
    }

    [Theory]
    [InlineData(T, T - 3600, T + 179)] // ours changed 179 s before the read
    [InlineData(T - 3600, T, T + 120)] // CloudWatch changed 120 s before the read
    [InlineData(T + 60, T - 3600, T)] // ours changed after the read
    public void Compare_DifferentWithinGraceOfEitherChange_NotFlagged(long oursSince, long theirsSince, long checkedAt)
    {
        var (disagrees, explanation) = MirrorAgreement.Compare(
            Ours(AlarmState.Alarm, oursSince, new CloudWatchView(AlarmState.Ok, null, checkedAt, Since: theirsSince)));

        Assert.False(disagrees);
        Assert.Contains("less than 3 minutes", explanation);
    }

    [Fact]
    public void Compare_CloudWatchChangeTimeUnknown_GraceFromOursOnly()
    {
        Assert.True(MirrorAgreement.Compare(Ours(AlarmState.Alarm, T, new CloudWatchView(AlarmState.Ok, null, T + 180))).Disagrees);
        Assert.False(MirrorAgreement.Compare(Ours(AlarmState.Alarm, T, new CloudWatchView(AlarmState.Ok, null, T + 179))).Disagrees);
    }

    [Fact]
    public void Compare_CloudWatchStateUnknownOrFailed_NeverFlagged()
    {
        Assert.False(MirrorAgreement.Compare(Ours(AlarmState.Alarm, T - 3600, null)).Disagrees);
        Assert.False(MirrorAgreement.Compare(Ours(AlarmState.Alarm, T - 3600, new CloudWatchView(null, null, T))).Disagrees);
        var (disagrees, explanation) = MirrorAgreement.Compare(
            Ours(AlarmState.Alarm, T - 3600, new CloudWatchView(null, null, T, "PutMetricAlarm failed (Throttling, HTTP 400): slow down")));
        Assert.False(disagrees);
        Assert.Contains("Throttling", explanation);
    }

    [Fact]
    public void Compare_OursNotEvaluatedYet_NotFlagged() =>
        Assert.False(MirrorAgreement.Compare(AlarmStatus.Initial(T - 3600) with { CloudWatch = new CloudWatchView(AlarmState.Ok, null, T) }).Disagrees);

    [Fact]
    public void Compare_AnomalyAlarm_ExplainsTheDifferentBand()
    {
        var (disagrees, explanation) = MirrorAgreement.Compare(
            Ours(AlarmState.Alarm, T - 3600, new CloudWatchView(AlarmState.Ok, null, T, Since: T - 3600)), AlarmKind.AnomalyDetection);

        Assert.True(disagrees);
        Assert.Contains("its own anomaly band", explanation);
    }
}
