using Dashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Hosting;

public sealed class ConfigurationCheckTests
{
    [Fact]
    public void Run_DefaultConfiguration_HasNoErrors()
    {
        Assert.Empty(ConfigurationCheck.Run(Config(), DashboardServices.Sections));
    }

    [Fact]
    public void Run_UnknownKey_IsReportedWithTheKnownKeys()
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("Collectors:MetricIntervall", "00:01:00")), DashboardServices.Sections));

        Assert.StartsWith("Collectors:MetricIntervall is not a known setting (known: BackfillDays, ", error);
        Assert.Contains("MetricInterval", error);
    }

    [Fact]
    public void Run_KeysAreMatchedIgnoringCase()
    {
        Assert.Empty(ConfigurationCheck.Run(Config(("collectors:backfilldays", "7")), DashboardServices.Sections));
    }

    [Theory]
    [InlineData("Collectors:BackfillDays", "two weeks", "Collectors:BackfillDays has the value 'two weeks', which is not a valid whole number.")]
    [InlineData("Overview:StaleAfter", "ten minutes", "Overview:StaleAfter has the value 'ten minutes', which is not a valid time span (hh:mm:ss).")]
    [InlineData("Baseline:K", "wide", "Baseline:K has the value 'wide', which is not a valid number.")]
    [InlineData("Dashboard:Mode", "Production", "Dashboard:Mode has the value 'Production', which is not a valid one of Simulated, Live.")]
    [InlineData("Dashboard:Database:Provider", "MySql", "Dashboard:Database:Provider has the value 'MySql', which is not a valid one of Sqlite, Postgres.")]
    public void Run_UnconvertibleValue_NamesTheKeyTheValueAndTheType(string key, string value, string expected)
    {
        Assert.Equal([expected], ConfigurationCheck.Run(Config((key, value)), DashboardServices.Sections));
    }

    [Fact]
    public void Run_PostgresWithoutConnectionString_NamesTheKey()
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("Dashboard:Database:Provider", "Postgres")), DashboardServices.Sections));

        Assert.StartsWith("Dashboard:Database:ConnectionString must be set when Dashboard:Database:Provider is Postgres", error);
    }

    [Theory]
    [InlineData("Host=db;Database=dashboard;Pasword=hunter2-secret", "Pasword")]
    [InlineData("Database=dashboard;Password=hunter2-secret", "no Host")]
    [InlineData("Host=db;Password=hunter2-secret", "no Database")]
    public void Run_UnreadableConnectionString_NamesTheKeyAndTheCauseNeverThePassword(string connectionString, string cause)
    {
        var error = Assert.Single(ConfigurationCheck.Run(
            Config(("Dashboard:Database:Provider", "Postgres"), ("Dashboard:Database:ConnectionString", connectionString)), DashboardServices.Sections));

        Assert.StartsWith("Dashboard:Database:ConnectionString cannot be read: ", error);
        Assert.Contains(cause, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2-secret", error);
    }

    [Fact]
    public void Run_ValidatorRules_AreReportedWithTheirKeys()
    {
        var errors = ConfigurationCheck.Run(Config(("Collectors:BackfillDays", "30"), ("Baseline:K", "-1")), DashboardServices.Sections);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Collectors:BackfillDays must be between 1 and 15", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Baseline:K must be a positive number", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_SeveralProblems_AreAllReportedAtOnce()
    {
        var errors = ConfigurationCheck.Run(Config(
                ("Dashboard:Mood", "Live"),
                ("Collectors:MetricInterval", "soon"),
                ("Collectors:BackfillDays", "0"),
                ("Overview:RefreshInterval", "00:00:00")),
            DashboardServices.Sections);

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Mood is not a known setting", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Collectors:MetricInterval has the value 'soon'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Collectors:BackfillDays must be between", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Overview:RefreshInterval must be at least", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_ListWrittenAsOneValue_SaysToGiveEachItemItsOwnKey()
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("Notifications:AllowedDestinations", "127.0.0.1")), DashboardServices.Sections));

        Assert.Equal("Notifications:AllowedDestinations is a list: give each item its own key, Notifications:AllowedDestinations:0, "
            + "Notifications:AllowedDestinations:1, … (environment variables Notifications__AllowedDestinations__0, …).", error);
    }

    [Fact]
    public void Run_AllowedDestinations_CheckedEntryByEntry()
    {
        var errors = ConfigurationCheck.Run(Config(
                ("Notifications:AllowedDestinations:0", "127.0.0.1"),
                ("Notifications:AllowedDestinations:1", "hooks.internal"),
                ("Notifications:AllowedDestinations:2", "10.0.0.0/8"),
                ("Notifications:AllowedDestinations:3", "2852039166")),
            DashboardServices.Sections);

        Assert.Equal(["Notifications:AllowedDestinations:3 must be an IP address written in full: it reads as 169.254.169.254 (was '2852039166')."], errors);
    }

    [Fact]
    public void Run_MisspeltSection_NamedWithTheNearestKnownOne()
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("Collecters:BackfillDays", "3")), DashboardServices.Sections));

        Assert.StartsWith("Collecters is not a known section (did you mean Collectors?); known: Alarms, Auth, Aws, Baseline, Collectors, ", error);
    }

    [Fact]
    public void Run_UnknownSectionFromTheEnvironment_OnlyWhenItReadsLikeATypo()
    {
        Environment.SetEnvironmentVariable("DashboardCheckTest__Anything", "1");
        Environment.SetEnvironmentVariable("Overveiw__StaleAfter", "00:10:00");
        try
        {
            var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();

            var error = Assert.Single(ConfigurationCheck.Run(config, DashboardServices.Sections));

            Assert.StartsWith("Overveiw is not a known section (did you mean Overview?)", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DashboardCheckTest__Anything", null);
            Environment.SetEnvironmentVariable("Overveiw__StaleAfter", null);
        }
    }

    [Fact]
    public void Run_FrameworkSections_AreNotReported()
    {
        Assert.Empty(ConfigurationCheck.Run(Config(("Logging:LogLevel:Default", "Warning"), ("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080"),
            ("urls", "http://127.0.0.1:5000")), DashboardServices.Sections));
    }

    [Theory]
    [InlineData("Simulator:Faults:SlowResponse", "abc", "Simulator:Faults:SlowResponse has the value 'abc', which is not a valid time span (hh:mm:ss).")]
    [InlineData("Simulator:Faults:Outages:0:Start", "notadate", "Simulator:Faults:Outages:0:Start has the value 'notadate', which is not a valid date and time (ISO 8601).")]
    [InlineData("Simulator:Faults:Services", "Lambda", "Simulator:Faults:Services has the value 'Lambda', which is not a valid one of None, CloudWatch, SageMaker, Both.")]
    [InlineData("Simulator:Faults:Throttle", "0.5", "Simulator:Faults:Throttle is not a known setting (known: ExpiredCredentials, FailNextPipelineExecution, FailNextRollback, MalformedCaptureEndpoint, MalformedRate, Outages, Seed, ServerErrorRate, Services, SilentRollbacks, SlowResponse, ThrottleRate, TimeoutRate).")]
    public void Run_NestedSetting_ErrorNamesItsFullKey(string key, string value, string expected)
    {
        // The section's own rules may add to it (an outage without a valid start has no start).
        Assert.Equal(expected, ConfigurationCheck.Run(Config((key, value)), DashboardServices.Sections)[0]);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    public void Run_FaultRateOutsideZeroToOne_ReportedAtItsKey(string rate)
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("Simulator:Faults:ThrottleRate", rate)), DashboardServices.Sections));

        Assert.StartsWith("Simulator:Faults:ThrottleRate ", error);
    }

    [Fact]
    public void Run_GroupGivenOneValue_SaysToSetItsKeys()
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("Simulator:Faults", "on")), DashboardServices.Sections));

        Assert.Equal("Simulator:Faults is a group of settings, not a value: set its keys (Simulator:Faults:…) instead.", error);
    }

    [Theory]
    [InlineData("Vault:SecretPin")]
    [InlineData("Vault:AdminPassword")]
    public void Run_SecretValue_IsNeverEchoed(string key)
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config((key, "hunter2")), [ConfigurationCheck.For<VaultOptions>("Vault")]));

        Assert.Contains("has the value '***'", error);
        Assert.DoesNotContain("hunter2", error);
    }

    [Fact]
    public void Run_ValidatorSeesTheBoundValues()
    {
        var validator = new RecordingValidator();

        ConfigurationCheck.Run(Config(("Vault:SecretPin", "1234"), ("Vault:Name", "prod")), [ConfigurationCheck.For("Vault", validator)]);

        Assert.Equal((1234, "prod"), (validator.Seen!.SecretPin, validator.Seen.Name));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    public sealed class VaultOptions
    {
        public string Name { get; set; } = "";

        public int SecretPin { get; set; }

        public int AdminPassword { get; set; }
    }

    private sealed class RecordingValidator : IValidateOptions<VaultOptions>
    {
        public VaultOptions? Seen { get; private set; }

        public ValidateOptionsResult Validate(string? name, VaultOptions options)
        {
            Seen = options;
            return ValidateOptionsResult.Success;
        }
    }
}
