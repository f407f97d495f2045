using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.Faults;

/// <summary>Validation of fault settings (configuration and C#) and the deterministic draw.</summary>
public sealed class FaultSettingsTests
{
    [Fact]
    public void Defaults_NoFaultsForBothServices()
    {
        var options = new SimulatorOptions();

        Assert.True(options.VerifySignatures);
        Assert.Null(options.SessionToken);
        Assert.True(options.Faults.IsEmpty);
        Assert.Equal(FaultServices.Both, options.Faults.Services);
        Assert.Null(options.Faults.Seed);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public async Task Build_ThrottleRateOutOfRange_FailsNamingTheKey(double rate)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SimulatorHost.StartAsync(o => o.Faults.ThrottleRate = rate));

        Assert.Contains("Simulator:Faults:ThrottleRate must be between 0 and 1.", error.Message);
    }

    [Fact]
    public async Task Build_OutageEndingBeforeItStarts_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SimulatorHost.StartAsync(o =>
            o.Faults.Outages = [new FaultOutage { Start = TestClock.Now, End = TestClock.Now.AddMinutes(-1) }]));

        Assert.Contains("Simulator:Faults:Outages:0:End must be after Start.", error.Message);
    }

    [Fact]
    public async Task Build_FaultsFromConfigurationKeys_BoundIntoTheSingleton()
    {
        var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0",
            "--Simulator:Faults:ThrottleRate=0.25", "--Simulator:Faults:SlowResponse=00:00:03", "--Simulator:Faults:Services=SageMaker",
            "--Simulator:Faults:Outages:0:Start=2026-03-04T15:00:00Z", "--Simulator:Faults:Outages:0:End=2026-03-04T16:00:00Z"]);
        await using var _ = app;

        var settings = app.Services.GetRequiredService<SimulatorFaults>().Settings;

        Assert.Equal(0.25, settings.ThrottleRate);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.SlowResponse);
        Assert.Equal(FaultServices.SageMaker, settings.Services);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero), Assert.Single(settings.Outages).End);
    }

    [Fact]
    public void Validate_RatesAddingUpToMoreThanOne_NamesTheRates()
    {
        var errors = FaultOptionsValidator.Validate(new FaultOptions { ThrottleRate = 0.6, ServerErrorRate = 0.3, TimeoutRate = 0.2 });

        var error = Assert.Single(errors);
        Assert.Equal("Simulator:Faults:ThrottleRate", error.ConfigurationKey);
        Assert.Contains("ServerErrorRate, TimeoutRate and MalformedRate must not exceed 1", error.Message);
    }

    [Fact]
    public void Validate_EverythingWrong_OneErrorPerField()
    {
        var errors = FaultOptionsValidator.Validate(new FaultOptions
        {
            ServerErrorRate = 2,
            SlowResponse = TimeSpan.FromMinutes(-1),
            Services = FaultServices.None,
            Outages = [new FaultOutage { End = TestClock.Now }],
        });

        Assert.Equal(["ServerErrorRate", "SlowResponse", "Services", "Outages[0].Start"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Set_Invalid_ThrowsWithFieldsAndKeepsTheOldSettings()
    {
        var faults = new SimulatorFaults(Microsoft.Extensions.Options.Options.Create(new SimulatorOptions()), TimeProvider.System);
        faults.Set(new FaultOptions { ThrottleRate = 0.5 });

        var error = Assert.Throws<FaultSettingsException>(() => faults.Set(new FaultOptions { MalformedRate = 3 }));

        Assert.Equal("MalformedRate", Assert.Single(error.Errors).Field);
        Assert.Equal(0.5, faults.Settings.ThrottleRate);
    }

    [Fact]
    public void Settings_CallerMutatesItsCopy_FaultsUnchanged()
    {
        var faults = new SimulatorFaults(Microsoft.Extensions.Options.Options.Create(new SimulatorOptions()), TimeProvider.System);
        var settings = new FaultOptions { ThrottleRate = 0.5 };
        faults.Set(settings);

        settings.ThrottleRate = 1;
        faults.Settings.ThrottleRate = 1;

        Assert.Equal(0.5, faults.Settings.ThrottleRate);
    }

    [Fact]
    public void Draw_SameSeed_SameSequence_DifferentSeed_Different()
    {
        var settings = new FaultOptions { ThrottleRate = 0.25, ServerErrorRate = 0.25, TimeoutRate = 0.25, MalformedRate = 0.25 };

        var a = Enumerable.Range(0, 500).Select(i => SimulatorFaults.Draw(settings, 1, i)).ToList();
        var b = Enumerable.Range(0, 500).Select(i => SimulatorFaults.Draw(settings, 1, i)).ToList();
        var c = Enumerable.Range(0, 500).Select(i => SimulatorFaults.Draw(settings, 2, i)).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.DoesNotContain(FaultKind.None, a);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    public void Draw_TenThousandRequests_RateWithinOnePoint(double rate)
    {
        var settings = new FaultOptions { ServerErrorRate = rate };

        var hits = Enumerable.Range(0, 10_000).Count(i => SimulatorFaults.Draw(settings, 42, i) == FaultKind.ServerError);

        Assert.InRange(hits / 10_000.0, rate - 0.01, rate + 0.01);
    }
}
