using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Simulator.Tests.Wire;

/// <summary>The real simulator on a free loopback port, with "now" pinned, and a raw-JSON client for it.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string CloudWatchPrefix = "GraniteServiceVersion20100801.";
    public const string SageMakerPrefix = "SageMaker.";

    private SimulatorHost(WebApplication app, FakeTimeProvider time, Uri baseAddress)
    {
        App = app;
        Time = time;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

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

    public Task<HttpResponseMessage> PostAsync(string target, string json, string contentType = "application/x-amz-json-1.1")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        // Signed requests must be accepted even though the signature is not checked yet.
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDSIMULATOR/20260304/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=00");
        return Client.SendAsync(request);
    }

    public async Task<JsonElement> SageMakerAsync(string operation, object body) =>
        await ReadOkAsync(await PostAsync(SageMakerPrefix + operation, JsonSerializer.Serialize(body)));

    public async Task<JsonElement> CloudWatchAsync(string operation, object body) =>
        await ReadOkAsync(await PostAsync(CloudWatchPrefix + operation, JsonSerializer.Serialize(body), "application/x-amz-json-1.0"));

    public static async Task<byte[]> ReadBytesAsync(Task<HttpResponseMessage> response) =>
        await (await response).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

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
