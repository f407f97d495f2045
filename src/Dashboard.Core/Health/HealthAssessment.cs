namespace Dashboard.Core.Health;

/// <summary>An endpoint's health and, unless healthy, the reasons in plain words, worst first.</summary>
public sealed record HealthAssessment(HealthLevel Level, IReadOnlyList<string> Reasons)
{
    public static HealthAssessment Healthy { get; } = new(HealthLevel.Healthy, []);
}
