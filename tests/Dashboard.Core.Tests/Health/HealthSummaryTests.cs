using Dashboard.Core.Health;

namespace Dashboard.Core.Tests.Health;

public class HealthSummaryTests
{
    [Fact]
    public void Count_MixedAssessments_CountsEachLevel()
    {
        var assessments = new[]
        {
            HealthAssessment.Healthy,
            HealthAssessment.Healthy,
            new HealthAssessment(HealthLevel.Degraded, ["Memory 95 %"]),
            new HealthAssessment(HealthLevel.Critical, ["Failed"]),
            new HealthAssessment(HealthLevel.Degraded, ["Updating"]),
            HealthAssessment.Healthy,
        };

        var counts = HealthSummary.Count(assessments);

        Assert.Equal(new HealthCounts(3, 2, 1), counts);
        Assert.Equal(6, counts.Total);
    }

    [Fact]
    public void Count_Empty_IsAllZero()
    {
        Assert.Equal(new HealthCounts(0, 0, 0), HealthSummary.Count([]));
    }
}
