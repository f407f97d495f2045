using Dashboard.Core.Drift;
using Dashboard.Core.Retraining;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Integration.Tests.Retraining;

/// <summary>The drift rule on the simulator's drifting endpoint: scores read from its capture, then one proposal by the system.</summary>
public sealed class DriftRuleTests
{
    [Fact]
    public async Task DriftingEndpoint_RuleProposesOnceAsTheSystem_AndNotAgainWhileItIsOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, rateLimits: false);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var options = Options.Create(new RetrainingOptions { AutoPropose = true });
        var rule = ActivatorUtilities.CreateInstance<RetrainingRuleWorker>(host.Services, options);

        await rule.RunOnceAsync(ct);
        await rule.RunOnceAsync(ct);

        Assert.Equal(0, rule.ConsecutiveFailures);
        var runs = await host.Services.GetRequiredService<IRetrainingStore>().ListAsync([], 10, ct);
        var run = Assert.Single(runs);
        Assert.Equal(("credit-risk", "system", RetrainingStatus.Proposed, FindingKind.Drift), (run.Endpoint, run.ProposedBy, run.Status, run.FindingKind));
        Assert.Contains("for 6 h", run.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleOff_ProposesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, rateLimits: false);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var rule = ActivatorUtilities.CreateInstance<RetrainingRuleWorker>(host.Services, Options.Create(new RetrainingOptions { AutoPropose = false }));

        await rule.RunOnceAsync(ct);

        Assert.Empty(await host.Services.GetRequiredService<IRetrainingStore>().ListAsync([], 10, ct));
    }
}
