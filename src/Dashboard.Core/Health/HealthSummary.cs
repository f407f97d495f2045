namespace Dashboard.Core.Health;

/// <summary>How many endpoints are at each level: the headline of the fleet page.</summary>
public sealed record HealthCounts(int Healthy, int Degraded, int Critical)
{
    public int Total => Healthy + Degraded + Critical;
}

public static class HealthSummary
{
    public static HealthCounts Count(IEnumerable<HealthAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        int healthy = 0, degraded = 0, critical = 0;
        foreach (var assessment in assessments)
        {
            switch (assessment.Level)
            {
                case HealthLevel.Critical: critical++; break;
                case HealthLevel.Degraded: degraded++; break;
                default: healthy++; break;
            }
        }
        return new HealthCounts(healthy, degraded, critical);
    }
}
