using Bunit;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Security;
using Dashboard.Web.Drift;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Drift;

public class DriftSettingFormTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeSettings _settings;

    public DriftSettingFormTests()
        : this(new FakeSettings())
    {
    }

    private DriftSettingFormTests(FakeSettings settings)
        : base(services => services.AddSingleton<IDriftSettingStore>(settings).AddSingleton<DriftSignal>()) => _settings = settings;

    [Fact]
    public void Viewer_SeesTheMethodAndWhoChoseIt_ButNoForm()
    {
        SignInAs("vera", Role.Viewer);
        var row = Row(new DriftSetting(DriftMethod.PopulationStability, 0.2, "erin", Now));

        var form = Render<DriftSettingForm>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Row, row));

        Assert.Equal("PSI 0.200, set by erin on 2026-12-07 12:00 UTC. The default would be Wasserstein (normed) 0.100.",
            form.Find("[data-testid=drift-setting-text]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=drift-setting-save]"));
    }

    [Fact]
    public void Default_AgainstModelMonitor_SaysWhoseDefaultItIs()
    {
        var row = Row(new DriftSetting(DriftMethod.KolmogorovSmirnov, 0.25));

        var form = Render<DriftSettingForm>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Row, row).Add(c => c.Basis, DriftBaselineKind.ModelMonitor));

        Assert.Equal("Kolmogorov–Smirnov 0.250: the default (Model Monitor's method at its constraint threshold).", form.Find("[data-testid=drift-setting-text]").TextContent);
    }

    [Fact]
    public void Engineer_AThresholdOutOfBounds_IsRefusedAtTheField_AndNothingIsSaved()
    {
        SignInAs("erin", Role.Engineer);
        var form = Render<DriftSettingForm>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Row, Row(new DriftSetting(DriftMethod.Wasserstein, 0.1))));

        form.Find("[data-testid=drift-setting-method-KolmogorovSmirnov]").Click();
        form.Find("[data-testid=drift-setting-threshold] input").Input("1.5");
        form.Find("[data-testid=drift-setting-save]").Click();
        var outOfBounds = form.Find("[data-testid=drift-setting-threshold]").TextContent;
        form.Find("[data-testid=drift-setting-threshold] input").Input("lots");
        form.Find("[data-testid=drift-setting-save]").Click();

        Assert.Contains("A Kolmogorov–Smirnov threshold must be between 0.001 and 1.", outOfBounds);
        Assert.Contains("A number from 0.001 to 1, e.g. 0.2.", form.Find("[data-testid=drift-setting-threshold]").TextContent);
        Assert.Empty(_settings.Saved);
    }

    [Fact]
    public void Engineer_SavesAnotherMethod_ThenResets_AndThePageReloadsEachTime()
    {
        SignInAs("erin", Role.Engineer);
        var changed = 0;
        var form = Render<DriftSettingForm>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Row, Row(new DriftSetting(DriftMethod.Wasserstein, 0.1)))
            .Add(c => c.Changed, () => changed++));

        form.Find("[data-testid=drift-setting-method-PopulationStability]").Click();
        form.Find("[data-testid=drift-setting-threshold] input").Input("0.2");
        form.Find("[data-testid=drift-setting-save]").Click();
        form.WaitForAssertion(() => Assert.Equal(1, changed));
        form.Render(p => p.Add(c => c.Row, Row(_settings.Saved["ep/amount"])));
        form.Find("[data-testid=drift-setting-reset]").Click();

        form.WaitForAssertion(() => Assert.Equal(2, changed));
        Assert.Equal(["ep/amount"], _settings.Reset);
        Assert.Equal((DriftMethod.PopulationStability, 0.2, "erin"), (_settings.Saved["ep/amount"].Method, _settings.Saved["ep/amount"].Threshold, _settings.Saved["ep/amount"].SetBy));
    }

    private static FeatureDriftRow Row(DriftSetting setting) =>
        new("amount", false, FeatureType.Numeric, setting, 0.05, [], 0, 0, 0, null) { Default = new DriftSetting(DriftMethod.Wasserstein, 0.1) };

    private sealed class FakeSettings : IDriftSettingStore
    {
        public Dictionary<string, DriftSetting> Saved { get; } = [];

        public List<string> Reset { get; } = [];

        public Task<IReadOnlyDictionary<string, DriftSetting>> ListAsync(string endpoint, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, DriftSetting>>(new Dictionary<string, DriftSetting>());

        public Task<DriftSetting> SaveAsync(Actor actor, string endpoint, string feature, FeatureType type, DriftMethod method, double threshold,
            CancellationToken cancellationToken = default)
        {
            actor.Demand(Permission.PinBaselines);
            var setting = new DriftSetting(method, threshold, actor.UserName, Now);
            Saved[$"{endpoint}/{feature}"] = setting;
            return Task.FromResult(setting);
        }

        public Task<bool> ResetAsync(Actor actor, string endpoint, string feature, CancellationToken cancellationToken = default)
        {
            actor.Demand(Permission.PinBaselines);
            Reset.Add($"{endpoint}/{feature}");
            return Task.FromResult(true);
        }
    }
}
