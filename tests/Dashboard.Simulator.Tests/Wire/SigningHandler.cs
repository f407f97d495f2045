using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Dashboard.Simulator.Tests.Wire;

/// <summary>Who signs, for where, and when. Defaults: the simulator's demo credentials, service chosen by target.</summary>
public sealed record Signer
{
    public string AccessKeyId { get; init; } = "AKIDSIMULATOR";

    public string SecretAccessKey { get; init; } = "simulator-secret";

    public string? SessionToken { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>Null: "monitoring" for CloudWatch targets, "sagemaker" otherwise, as the dashboard signs.</summary>
    public string? Service { get; init; }

    /// <summary>Added to the clock's time when signing (to test skew).</summary>
    public TimeSpan Skew { get; init; }

    /// <summary>Runs on the signed request before it is sent (to tamper with it).</summary>
    public Action<HttpRequestMessage>? AfterSigning { get; init; }

    public static string ServiceFor(HttpRequestMessage request) =>
        request.Headers.TryGetValues("X-Amz-Target", out var target) && target.Single().StartsWith(SimulatorHost.CloudWatchPrefix, StringComparison.Ordinal)
            ? "monitoring"
            : "sagemaker";

    public AWSCredentials Credentials => SessionToken is null
        ? new BasicAWSCredentials(AccessKeyId, SecretAccessKey)
        : new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);
}

/// <summary>
/// Signs each request with AWSSDK.Core's standalone signer at a given clock's time, so requests can be signed on a
/// test's fake clock (SigV4SigningHandler always signs with the machine's clock).
/// </summary>
public sealed class SigningHandler(Signer signer, TimeProvider clock) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri,
            Content = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken),
        };
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                signing.Headers[header.Key] = string.Join(',', header.Value);
            }
        }
        var result = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = signer.Credentials,
            Region = RegionEndpoint.GetBySystemName(signer.Region),
            Service = signer.Service ?? Signer.ServiceFor(request),
            SignedAt = (clock.GetUtcNow() + signer.Skew).UtcDateTime,
        }, cancellationToken);
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        signer.AfterSigning?.Invoke(request);
        return await base.SendAsync(request, cancellationToken);
    }
}
