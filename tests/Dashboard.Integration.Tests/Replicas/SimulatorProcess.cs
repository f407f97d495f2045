using System.Globalization;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Wire;
using Dashboard.Tests.Shared;

namespace Dashboard.Integration.Tests.Replicas;

/// <summary>
/// The simulator on its own (the built Dashboard.Simulator.dll as a child process, as <c>dotnet run --project
/// src/Dashboard.Simulator</c> runs it) on a loopback port: one fleet that several dashboard processes poll, and that
/// counts the calls all of them make (<see cref="CallLogEndpoints"/>).
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDSIMULATOR";
    public const string SecretAccessKey = "simulator-secret";
    public const string Region = "us-east-1";

    private readonly DashboardProcess _process;
    private readonly HttpClient _client = new();

    private SimulatorProcess(DashboardProcess process, Uri address, DateTimeOffset anchor)
    {
        _process = process;
        Address = address;
        Anchor = anchor;
    }

    public Uri Address { get; }

    /// <summary>The scenario's anchor: with the seed, what every generated point is.</summary>
    public DateTimeOffset Anchor { get; }

    public string Output => _process.Output;

    /// <param name="settings">Simulator settings (Section:Key) given on the command line.</param>
    public static async Task<SimulatorProcess> StartAsync(DateTimeOffset anchor, IReadOnlyDictionary<string, string> settings,
        CancellationToken cancellationToken)
    {
        var dll = BuildPaths.Of("SimulatorDll");
        var arguments = new List<string>
        {
            dll, "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            "--Simulator:Anchor=" + anchor.ToString("O", CultureInfo.InvariantCulture),
        };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var process = DashboardProcess.StartDotnet(arguments, workingDirectory: Path.GetDirectoryName(dll));
        try
        {
            var address = await process.ListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return new SimulatorProcess(process, address, anchor);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>How many requests of each operation ("SageMaker.UpdateEndpoint") have reached the simulator.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CallsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Address, CallLogEndpoints.Path));
        await SignAsync(request, cancellationToken);
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {CallLogEndpoints.Path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<Dictionary<string, long>>(body)!;
    }

    public async Task<long> CallsAsync(string target, CancellationToken cancellationToken) =>
        (await CallsAsync(cancellationToken)).GetValueOrDefault(target);

    /// <summary>Replaces the fault settings (<c>PUT /_simulator/faults</c> with <paramref name="json"/>).</summary>
    public Task SetFaultsAsync(string json, CancellationToken cancellationToken) =>
        AdminAsync(HttpMethod.Put, json, cancellationToken);

    /// <summary>Clears every fault (<c>DELETE /_simulator/faults</c>): the simulator answers at once from then on.</summary>
    public Task ClearFaultsAsync(CancellationToken cancellationToken) => AdminAsync(HttpMethod.Delete, null, cancellationToken);

    private async Task AdminAsync(HttpMethod method, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Address, FaultAdminEndpoints.Path))
        {
            Content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        await SignAsync(request, cancellationToken);
        using var response = await _client.SendAsync(request, cancellationToken);
        Assert.True(response.IsSuccessStatusCode,
            $"{method} {FaultAdminEndpoints.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>Signs as the fault admin API wants: the simulator's credentials, service "simulator".</summary>
    private static async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri,
            Content = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken),
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signing.Headers["Content-Type"] = contentType.ToString();
        }
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
            Region = RegionEndpoint.GetBySystemName(Region),
            Service = FaultAdminEndpoints.SigningName,
            SignedAt = DateTime.UtcNow,
        }, cancellationToken);
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _process.DisposeAsync();
    }
}
