using Dashboard.Core.Health;
using static Dashboard.Core.Tests.Health.HealthTestData;

namespace Dashboard.Core.Tests.Health;

public class HealthHysteresisTests
{
    private static readonly HealthThresholds Thresholds = HealthThresholds.Default;

    [Fact]
    public void Hold_AboveTheLimitForFourMinutes_StaysHealthy()
    {
        var minutes = Minutes("HHHHHHDDDD");

        Assert.Equal(HealthLevel.Healthy, HealthHysteresis.Hold(minutes, Thresholds).Level);
    }

    [Fact]
    public void Hold_AboveTheLimitForFiveMinutes_Degrades()
    {
        var health = HealthHysteresis.Hold(Minutes("HHHHHDDDDD"), Thresholds);

        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Equal(["Degraded at minute 9"], health.Reasons);
    }

    [Fact]
    public void Hold_FlappingAroundTheLimit_DoesNotChangeLevel()
    {
        // 1.05 % against 1 %, then 0.98 %: never five minutes in a row above, so never degraded.
        Assert.Equal(HealthLevel.Healthy, HealthHysteresis.Hold(Minutes("DDHDDDHDDHDDDDHD"), Thresholds).Level);
    }

    [Fact]
    public void Hold_BelowTheLimitButAboveTheClearingLimit_StaysDegraded()
    {
        // Degraded for 6 minutes, then below the limit (H) while still above 80 % of it (Stay = Degraded) for 10 minutes.
        var minutes = Minutes("DDDDDD").Concat(Minutes("HHHHHHHHHH", stay: HealthLevel.Degraded, offset: 6)).ToList();

        var health = HealthHysteresis.Hold(minutes, Thresholds);

        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Equal("Degraded at minute 5, until 14:05 UTC", health.Reasons[0]);
        Assert.Equal("Held until 10 minutes below 80 % of the limits", health.Reasons[1]);
    }

    [Fact]
    public void Hold_TenMinutesBelowTheClearingLimit_Clears()
    {
        Assert.Equal(HealthLevel.Degraded, HealthHysteresis.Hold(Minutes("DDDDDDHHHHHHHHH"), Thresholds).Level);
        Assert.Equal(HealthLevel.Healthy, HealthHysteresis.Hold(Minutes("DDDDDDHHHHHHHHHH"), Thresholds).Level);
    }

    [Fact]
    public void Hold_CriticalClearingToDegraded_StepsDownOneLevel()
    {
        var minutes = Minutes("CCCCC").Concat(Minutes("DDDDDDDDDD", offset: 5)).ToList();

        Assert.Equal(HealthLevel.Degraded, HealthHysteresis.Hold(minutes, Thresholds).Level);
    }

    /// <summary>One minute per letter (H, D, C), starting at 14:00; Stay is the same level unless given.</summary>
    private static List<MinuteAssessment> Minutes(string levels, HealthLevel? stay = null, int offset = 0) =>
        levels.Select((c, i) =>
        {
            var level = c switch { 'C' => HealthLevel.Critical, 'D' => HealthLevel.Degraded, _ => HealthLevel.Healthy };
            var enter = level == HealthLevel.Healthy ? HealthAssessment.Healthy : new HealthAssessment(level, [$"{level} at minute {i + offset}"]);
            var held = stay is { } s ? new HealthAssessment(s, [$"{s} at minute {i + offset}"]) : enter;
            return new MinuteAssessment(Now.AddMinutes(i + offset), enter, held);
        }).ToList();
}
