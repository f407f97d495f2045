namespace Dashboard.Core.Health;

/// <summary>Ordered from best to worst, so the worst of several rules is the maximum.</summary>
public enum HealthLevel
{
    Healthy,
    Degraded,
    Critical,
}
