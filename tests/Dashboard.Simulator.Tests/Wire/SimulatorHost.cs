using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Dashboard.Simulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Simulator.Tests.Wire;

/// <summary>
/// The real simulator on a free loopback port, with "now" pinned, and a raw-JSON client for it that signs with the
/// simulator's demo credentials at the pinned time.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string CloudWatchPrefix = "GraniteServiceVersion20100801.";
    public const string SageMakerPrefix = "SageMaker.";

    private SimulatorHost(WebApplication app, FakeTimeProvider time, Uri baseAddress)
    {
        App = app;
        Time = time;
        BaseAddress = baseAddress;
        Client = CreateClient(new Signer());
    }

    public Uri BaseAddress { get; }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public SimulatorFaults Faults => App.Services.GetRequiredService<SimulatorFaults>();

    public static async Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? TestClock.Now);
        var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o =>
        {
            o.Anchor = TestClock.Anchor;
            configure?.Invoke(o);
        }, time);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, time, new Uri(address));
    }

    /// <summary>A client that signs as <paramref name="signer"/> says, on the simulator's clock.</summary>
    public HttpClient CreateClient(Signer signer) => new(new SigningHandler(signer, Time)) { BaseAddress = BaseAddress };

    /// <summary>A client that sends no Authorization header at all.</summary>
    public HttpClient CreateUnsignedClient() => new() { BaseAddress = BaseAddress };

    public Task<HttpResponseMessage> PostAsync(string target, string json, string contentType = "application/x-amz-json-1.1",
        HttpClient? client = null) =>
        (client ?? Client).SendAsync(Request(target, json, contentType), TestContext.Current.CancellationToken);

    /// <summary>An AWS JSON request as the dashboard's clients build it (no charset on the content type).</summary>
    public static HttpRequestMessage Request(string target, string json, string contentType = "application/x-amz-json-1.1")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return request;
    }

    public Task<HttpResponseMessage> ListEndpointsAsync(HttpClient? client = null) =>
        PostAsync(SageMakerPrefix + "ListEndpoints", "{}", client: client);

    public Task<HttpResponseMessage> ListMetricsAsync(HttpClient? client = null) =>
        PostAsync(CloudWatchPrefix + "ListMetrics", ListMetricsBody, "application/x-amz-json-1.0", client);

    /// <summary>A small ListMetrics query (one metric name) for tests that only care about the envelope.</summary>
    public const string ListMetricsBody = "{\"MetricName\":\"CPUUtilization\"}";

    public async Task<JsonElement> SageMakerAsync(string operation, object body) =>
        await ReadOkAsync(await PostAsync(SageMakerPrefix + operation, JsonSerializer.Serialize(body)));

    public async Task<JsonElement> CloudWatchAsync(string operation, object body) =>
        await ReadOkAsync(await PostAsync(CloudWatchPrefix + operation, JsonSerializer.Serialize(body), "application/x-amz-json-1.0"));

    public static async Task<byte[]> ReadBytesAsync(Task<HttpResponseMessage> response) =>
        await (await response).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts an AWS JSON error reply and returns its message.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? queryError = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, error.GetProperty("__type").GetString());
        if (queryError is not null)
        {
            Assert.Equal(queryError, response.Headers.GetValues("x-amzn-query-error").Single());
        }
        return error.GetProperty("message").GetString()!;
    }

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>One host shared by a test class (starting Kestrel per test would only add time).</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await SimulatorHost.StartAsync(o => o.ListMetricsPageSize = 40);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
