using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Faults;

/// <summary><c>/_simulator/faults</c>: read, replace, clear, counts, field-level refusals, and only with the simulator's credentials.</summary>
public sealed class FaultAdminApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.Clone();

    /// <summary>A client that signs with the simulator's credentials for the admin API's service name.</summary>
    private static HttpClient Admin(SimulatorHost host, Signer? signer = null) =>
        host.CreateClient((signer ?? new Signer()) with { Service = FaultAdminEndpoints.SigningName });

    private static Task<HttpResponseMessage> PutAsync(SimulatorHost host, string json, HttpClient? client = null) =>
        (client ?? Admin(host)).PutAsync(FaultAdminEndpoints.Path, new StringContent(json, Encoding.UTF8, "application/json"), Token);

    public static TheoryData<string> Methods() => new("GET", "PUT", "DELETE");

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task AnyCall_Unsigned_RefusedAsAwsRefusesItAndNothingChanges(string method)
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Faults.ThrottleRate = 0.5);
        using var request = new HttpRequestMessage(new HttpMethod(method), FaultAdminEndpoints.Path)
        {
            Content = method == "PUT" ? new StringContent("""{"ExpiredCredentials":true}""", Encoding.UTF8, "application/json") : null,
        };

        var response = await host.CreateUnsignedClient().SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", (await JsonAsync(response)).GetProperty("__type").GetString());
        Assert.Equal(0.5, host.Faults.Settings.ThrottleRate);
        Assert.False(host.Faults.Settings.ExpiredCredentials);
    }

    public static TheoryData<string, string> WrongSigners() => new()
    {
        { "simulator-secret-guess", "simulator" },
        { "simulator-secret", "sagemaker" },
    };

    [Theory]
    [MemberData(nameof(WrongSigners))]
    public async Task Put_SignedWithAWrongSecretOrForAnotherService_403AndNothingChanges(string secret, string service)
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await PutAsync(host, """{"ExpiredCredentials":true}""", host.CreateClient(new Signer { SecretAccessKey = secret, Service = service }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", (await JsonAsync(response)).GetProperty("__type").GetString());
        Assert.True(host.Faults.Settings.IsEmpty);
    }

    [Fact]
    public async Task Put_BodyChangedAfterSigning_403()
    {
        await using var host = await SimulatorHost.StartAsync();
        var client = Admin(host, new Signer
        {
            AfterSigning = request => request.Content = new StringContent("""{"ExpiredCredentials":true}""", Encoding.UTF8, "application/json"),
        });

        var response = await PutAsync(host, """{"ThrottleRate":0.1}""", client);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(host.Faults.Settings.IsEmpty);
    }

    [Fact]
    public async Task Put_SignaturesNotVerifiedOnTheAwsWire_StillNeedsTheSimulatorsCredentials()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.VerifySignatures = false);

        var unsigned = await PutAsync(host, """{"ExpiredCredentials":true}""", host.CreateUnsignedClient());
        var signed = await PutAsync(host, """{"ThrottleRate":0.1}""");

        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(0.1, host.Faults.Settings.ThrottleRate);
    }

    [Fact]
    public async Task Get_Default_NoFaultsAndZeroCounts()
    {
        await using var host = await SimulatorHost.StartAsync();

        var status = await JsonAsync(await Admin(host).GetAsync(FaultAdminEndpoints.Path, Token));

        Assert.Equal(0, status.GetProperty("Settings").GetProperty("ThrottleRate").GetDouble());
        Assert.Equal("Both", status.GetProperty("Settings").GetProperty("Services").GetString());
        Assert.Equal(0, status.GetProperty("Injected").GetProperty("Requests").GetInt64());
    }

    [Fact]
    public async Task Put_ThenGet_RoundTripsEverySetting()
    {
        await using var host = await SimulatorHost.StartAsync();
        const string settings = """
            {"ThrottleRate":0.25,"ServerErrorRate":0.1,"TimeoutRate":0.05,"MalformedRate":0.01,"SlowResponse":"00:00:02",
             "ExpiredCredentials":false,"Outages":[{"Start":"2026-03-04T15:00:00+00:00","End":"2026-03-04T15:10:00+00:00"}],
             "Services":"CloudWatch","FailNextRollback":true,"SilentRollbacks":true,"FailNextPipelineExecution":true,"Seed":7}
            """;

        var put = await PutAsync(host, settings);
        var got = await JsonAsync(await Admin(host).GetAsync(FaultAdminEndpoints.Path, Token));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(settings).RootElement, got.GetProperty("Settings")), got.GetRawText());
        var inForce = host.Faults.Settings;
        Assert.Equal(FaultServices.CloudWatch, inForce.Services);
        Assert.Equal(TimeSpan.FromSeconds(2), inForce.SlowResponse);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 15, 10, 0, TimeSpan.Zero), Assert.Single(inForce.Outages).End);
    }

    [Fact]
    public async Task Put_InvalidValues_400WithErrorsAtTheFields()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await PutAsync(host, """
            {"ThrottleRate":2,"Outages":[{"Start":"2026-03-04T15:00:00Z","End":"2026-03-04T14:00:00Z"}]}
            """);
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal("must be between 0 and 1.", errors.GetProperty("ThrottleRate")[0].GetString());
        Assert.Equal("must be after Start.", errors.GetProperty("Outages[0].End")[0].GetString());
        Assert.True(host.Faults.Settings.IsEmpty);
    }

    [Theory]
    [InlineData("""{"ThrottleRate":"lots"}""", "ThrottleRate")]
    [InlineData("""{"SlowResponse":"soon"}""", "SlowResponse")]
    [InlineData("""{"Services":"S3"}""", "Services")]
    [InlineData("""{"Outages":[{"Start":"yesterday"}]}""", "Outages[0].Start")]
    [InlineData("""{"Outages":[null]}""", "Outages[0]")]
    public async Task Put_WrongType_400AtTheField(string json, string field)
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await PutAsync(host, json);
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Put_UnknownSetting_400NamingIt()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await PutAsync(host, """{"ThrotleRate":0.5}""");
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ThrotleRate", problem.GetProperty("errors").GetRawText());
    }

    [Fact]
    public async Task Delete_AfterFaults_ClearsSettingsAndCounts()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Faults.ThrottleRate = 1);
        await host.ListEndpointsAsync();

        var deleted = await JsonAsync(await Admin(host).DeleteAsync(FaultAdminEndpoints.Path, Token));

        Assert.Equal(0, deleted.GetProperty("Settings").GetProperty("ThrottleRate").GetDouble());
        Assert.Equal(0, deleted.GetProperty("Injected").GetProperty("Throttled").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await host.ListEndpointsAsync()).StatusCode);
    }

    [Fact]
    public async Task Get_AfterInjecting_CountsPerKind()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Faults.Set(new FaultOptions { ThrottleRate = 1, Services = FaultServices.SageMaker });
        await host.ListEndpointsAsync();
        await host.ListEndpointsAsync();
        await host.ListMetricsAsync();

        var injected = (await Admin(host).GetFromJsonAsync<FaultAdminEndpoints.FaultStatus>(
            FaultAdminEndpoints.Path, FaultAdminEndpoints.JsonOptions, Token))!.Injected;

        Assert.Equal(new FaultCounts { Requests = 2, Throttled = 2 }, injected);
    }

    [Fact]
    public async Task Put_FromCSharpAndHttp_SameSingleton()
    {
        await using var host = await SimulatorHost.StartAsync();

        await PutAsync(host, """{"ExpiredCredentials":true}""");

        Assert.True(host.Faults.Settings.ExpiredCredentials);
        await SimulatorHost.AssertErrorAsync(await host.ListEndpointsAsync(), HttpStatusCode.BadRequest, "ExpiredTokenException");
    }
}
