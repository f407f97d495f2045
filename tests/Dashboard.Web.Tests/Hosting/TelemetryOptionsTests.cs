using Dashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Web.Tests.Hosting;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "http://otel-collector:4317")]
    [InlineData("Telemetry:OtlpEndpoint", "https://otlp.example.com:4318/")]
    [InlineData("Telemetry:OtlpProtocol", "HttpProtobuf")]
    [InlineData("Telemetry:Prometheus", "true")]
    [InlineData("Telemetry:JsonConsoleLogs", "true")]
    public void Check_WellFormedSetting_IsAccepted(string key, string value)
    {
        Assert.Empty(ConfigurationCheck.Run(Config((key, value)), DashboardServices.Sections));
    }

    [Theory]
    [InlineData("otel-collector:4317")]
    [InlineData("grpc://otel-collector:4317")]
    [InlineData("http://user:secret@otel-collector:4317")]
    [InlineData("/v1/metrics")]
    public void Check_OtlpEndpointNotAnHttpAddress_NamesTheKeyWithoutEchoingIt(string value)
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config(("Telemetry:OtlpEndpoint", value)), DashboardServices.Sections));

        Assert.StartsWith("Telemetry:OtlpEndpoint must be an http:// or https:// address", error);
        Assert.DoesNotContain("secret", error);
    }

    [Theory]
    [InlineData("Telemetry:Prometheus", "yes")]
    [InlineData("Telemetry:OtlpProtocol", "Thrift")]
    [InlineData("Telemetry:JsonLogs", "true")]
    public void Check_WrongValueOrUnknownKey_NamesTheKey(string key, string value)
    {
        var error = Assert.Single(ConfigurationCheck.Run(Config((key, value)), DashboardServices.Sections));

        Assert.Contains(key, error);
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
