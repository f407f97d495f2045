using Dashboard.Core.Drift;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Drift;

/// <summary>An engineer's choices on the drift tab against the simulator over real HTTP: a baseline data set in S3, and a feature's own method.</summary>
public sealed class DriftChoicesTests
{
    private const string Bucket = "s3://sagemaker-us-east-1-123456789012/datasets/";
    private static readonly Actor Engineer = new("engineer", new HashSet<Role> { Role.Engineer });

    [Fact]
    public async Task DataSet_FromTheSimulatorsBucket_ReplacesModelMonitorsBaseline_AndOneThatDoesNotExistLeavesItInForce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var dataSets = host.Services.GetRequiredService<DriftDataSets>();
        var queries = host.Services.GetRequiredService<DriftQueries>();

        await dataSets.UseAsync(Engineer, "credit-risk", Bucket + "credit-risk/train.csv", ct);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => dataSets.UseAsync(Engineer, "credit-risk", Bucket + "credit-risk/missing.csv", ct));
        var overview = await queries.LoadAsync("credit-risk", ct);

        Assert.StartsWith("There is no object s3://sagemaker-us-east-1-123456789012/datasets/credit-risk/missing.csv.", refused.Message, StringComparison.Ordinal);
        Assert.Equal((DriftBaselineKind.DataSet, Bucket + "credit-risk/train.csv", "engineer"), (overview.Baseline!.Baseline.Kind, overview.Baseline.Baseline.Uri, overview.Baseline.Baseline.SetBy));
        Assert.Equal((3000L, 0, "label"), (overview.Baseline.Records, overview.Baseline.DataSet!.Skipped, overview.Baseline.DataSet.LabelColumn));
        Assert.DoesNotContain(overview.Features, f => f.Feature == "label");
        var channel = overview.Features.Single(f => f.Feature == "channel");
        Assert.True(channel.OutOfDomain > 0, "partner_api never was in the training data");
        Assert.Equal(new DriftSetting(DriftMethod.JensenShannon, 0.1), channel.Setting);
    }

    [Fact]
    public async Task DataSet_NamesHeaderlessCaptureColumns_AndARegressorsLabelIsItsPredictionsBaseline()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var dataSets = host.Services.GetRequiredService<DriftDataSets>();
        var queries = host.Services.GetRequiredService<DriftQueries>();

        var churn = await dataSets.UseAsync(Engineer, "churn-prod", Bucket + "churn-prod/train.csv", ct);
        var pricing = await dataSets.UseAsync(Engineer, "pricing-ab", Bucket + "pricing-ab/train.jsonl", ct);
        var churnRows = (await queries.LoadAsync("churn-prod", ct)).Features;
        var pricingRows = (await queries.LoadAsync("pricing-ab", ct)).Features;

        Assert.Equal(DriftBaselineKind.DataSet, churn.Kind);
        Assert.DoesNotContain(churnRows, f => f.Feature.StartsWith("_c", StringComparison.Ordinal));
        Assert.Contains(churnRows, f => f.Score is not null && !f.IsOutput);
        Assert.Equal(DriftBaselineKind.DataSet, pricing.Kind);
        Assert.Contains(pricingRows, f => f.IsOutput && f.Type == FeatureType.Numeric);
    }

    [Fact]
    public async Task Setting_AFeaturesMethod_RestatesItsStoredScoresAtTheNextRound_AndLeavesTheOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        var reader = host.Services.GetRequiredService<DriftReader>();
        await reader.RunOnceAsync(ct);
        var keys = new[] { DriftSeries.Drift("credit-risk", "channel"), DriftSeries.Drift("credit-risk", "age") };
        var metrics = host.Services.GetRequiredService<IMetricQueries>();
        var before = await metrics.ReadAsync(keys, 0, long.MaxValue, ct);

        await host.Services.GetRequiredService<IDriftSettingStore>()
            .SaveAsync(Engineer, "credit-risk", "channel", FeatureType.Categorical, DriftMethod.PopulationStability, 0.2, ct);
        await reader.RunOnceAsync(ct);
        var after = await metrics.ReadAsync(keys, 0, long.MaxValue, ct);
        var channel = (await host.Services.GetRequiredService<DriftQueries>().LoadAsync("credit-risk", ct)).Features.Single(f => f.Feature == "channel");

        Assert.Equal((DriftMethod.PopulationStability, 0.2, "engineer"), (channel.Setting.Method, channel.Setting.Threshold, channel.Setting.SetBy));
        Assert.Equal(before[keys[0]].Select(p => p.Time), after[keys[0]].Select(p => p.Time));
        Assert.All(before[keys[0]].Zip(after[keys[0]]).Where(p => p.First.Value > 0.01), p => Assert.NotEqual(p.First.Value, p.Second.Value));
        Assert.Equal(before[keys[1]], after[keys[1]]);
    }
}
