using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Tests.Drift;

public sealed class DriftSettingTests
{
    [Theory]
    [InlineData(FeatureType.Numeric, DriftMethod.PopulationStability, 0.2, null)]
    [InlineData(FeatureType.Numeric, DriftMethod.KolmogorovSmirnov, 1.0, null)]
    [InlineData(FeatureType.Numeric, DriftMethod.KolmogorovSmirnov, 1.5, "A Kolmogorov–Smirnov threshold must be between 0.001 and 1.")]
    [InlineData(FeatureType.Categorical, DriftMethod.JensenShannon, 0.9, "A Jensen–Shannon threshold must be between 0.001 and 0.83.")]
    [InlineData(FeatureType.Numeric, DriftMethod.Wasserstein, 0, "A Wasserstein (normed) threshold must be between 0.001 and 5.")]
    [InlineData(FeatureType.Numeric, DriftMethod.Wasserstein, double.NaN, "A Wasserstein (normed) threshold must be between 0.001 and 5.")]
    [InlineData(FeatureType.Numeric, DriftMethod.JensenShannon, 0.1,
        "Jensen–Shannon does not apply to a numeric feature: choose Wasserstein (normed), Kolmogorov–Smirnov, PSI.")]
    [InlineData(FeatureType.Categorical, DriftMethod.KolmogorovSmirnov, 0.1,
        "Kolmogorov–Smirnov does not apply to a categorical feature: choose Jensen–Shannon, L∞, PSI.")]
    public void Validate_MethodAndThreshold_RefusedWithTheReasonOrAccepted(FeatureType type, DriftMethod method, double threshold, string? problem) =>
        Assert.Equal(problem, DriftMethods.Validate(type, method, threshold));

    [Fact]
    public void SettingFor_AChosenSetting_ReplacesTheDefault_OnlyForItsFeature()
    {
        var chosen = new DriftSetting(DriftMethod.PopulationStability, 0.2, "erin", DateTimeOffset.UnixEpoch);
        var baseline = Baseline(null) with { Settings = new Dictionary<string, DriftSetting> { ["amount"] = chosen } };

        Assert.Equal(chosen, baseline.SettingFor("amount", Numbers()));
        Assert.Equal(new DriftSetting(DriftMethod.Wasserstein, 0.1), baseline.SettingFor("age", Numbers()));
        Assert.True(baseline.SettingFor("age", Numbers()).IsDefault);
    }

    [Fact]
    public void SettingFor_AgainstModelMonitor_KeepsItsMethodAndThreshold_UnlessOverridden()
    {
        var chosen = new DriftSetting(DriftMethod.Wasserstein, 0.3, "erin", DateTimeOffset.UnixEpoch);
        var baseline = Baseline((0.25, 0.15)) with { Settings = new Dictionary<string, DriftSetting> { ["amount"] = chosen } };

        Assert.Equal(new DriftSetting(DriftMethod.KolmogorovSmirnov, 0.25), baseline.SettingFor("age", Numbers()));
        Assert.Equal(chosen, baseline.SettingFor("amount", Numbers()));
    }

    [Fact]
    public void SettingFor_AChosenMethodThatNoLongerFitsTheType_FallsBackToTheDefault()
    {
        var baseline = Baseline(null) with
        {
            Settings = new Dictionary<string, DriftSetting> { ["channel"] = new(DriftMethod.KolmogorovSmirnov, 0.2, "erin", DateTimeOffset.UnixEpoch) },
        };
        var categories = new FeatureSummary();
        categories.AddCategory("web");

        Assert.Equal(new DriftSetting(DriftMethod.JensenShannon, 0.1), baseline.SettingFor("channel", categories));
    }

    private static FeatureSummary Numbers()
    {
        var summary = new FeatureSummary();
        summary.AddNumber(1);
        return summary;
    }

    private static BaselineSummaries Baseline((double, double)? monitor) =>
        new(new DriftBaseline("ep", DriftBaselineKind.FirstDay, 0, 86_400, null, null, null), new Dictionary<string, FeatureSummary>(), new QualitySummary(), 0)
        {
            MonitorThresholds = monitor,
        };
}
