using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Drift;

public class DriftSettingStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_ThenChange_ThenReset_StoredPerFeature_AndEachAuditedWithBeforeAndAfter()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftSettingStore>();

        await store.SaveAsync(As(Role.Engineer), "ep", "amount", FeatureType.Numeric, DriftMethod.PopulationStability, 0.2, Ct);
        await store.SaveAsync(As(Role.Operator), "ep", "amount", FeatureType.Numeric, DriftMethod.KolmogorovSmirnov, 0.15, Ct);
        await store.SaveAsync(As(Role.Engineer), "other", "amount", FeatureType.Numeric, DriftMethod.Wasserstein, 0.3, Ct);
        var saved = await store.ListAsync("ep", Ct);
        var reset = await store.ResetAsync(As(Role.Engineer), "ep", "amount", Ct);
        var resetAgain = await store.ResetAsync(As(Role.Engineer), "ep", "amount", Ct);

        Assert.Equal((DriftMethod.KolmogorovSmirnov, 0.15, "erin"), (saved["amount"].Method, saved["amount"].Threshold, saved["amount"].SetBy));
        Assert.False(saved["amount"].IsDefault);
        Assert.Single(saved);
        Assert.True(reset);
        Assert.False(resetAgain);
        Assert.Empty(await store.ListAsync("ep", Ct));
        Assert.Single(await store.ListAsync("other", Ct));
        Assert.Equal(3, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'drift.setting.save'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'drift.setting.save' AND Target = 'ep/amount' "
            + "AND Before LIKE '%PopulationStability%' AND After LIKE '%KolmogorovSmirnov%'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'drift.setting.reset' AND Before LIKE '%0.15%' AND After IS NULL"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Admin)]
    public async Task Save_WithoutPinBaselines_RefusedAndNothingWritten(Role role)
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftSettingStore>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.SaveAsync(As(role), "ep", "amount", FeatureType.Numeric, DriftMethod.PopulationStability, 0.2, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.ResetAsync(As(role), "ep", "amount", Ct));

        Assert.Empty(await store.ListAsync("ep", Ct));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action LIKE 'drift.%'"));
    }

    [Theory]
    [InlineData(FeatureType.Numeric, DriftMethod.KolmogorovSmirnov, 2.0, "between 0.001 and 1")]
    [InlineData(FeatureType.Categorical, DriftMethod.Wasserstein, 0.1, "does not apply to a categorical feature")]
    public async Task Save_ABadSetting_RefusedWithTheReason_AndTheOldOneKept(FeatureType type, DriftMethod method, double threshold, string reason)
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDriftSettingStore>();
        await store.SaveAsync(As(Role.Engineer), "ep", "f", type, DriftMethod.PopulationStability, 0.2, Ct);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(As(Role.Engineer), "ep", "f", type, method, threshold, Ct));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal((DriftMethod.PopulationStability, 0.2), ((await store.ListAsync("ep", Ct))["f"].Method, (await store.ListAsync("ep", Ct))["f"].Threshold));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action LIKE 'drift.%'"));
    }

    private static Actor As(Role role) => new("erin", new HashSet<Role> { role });
}
