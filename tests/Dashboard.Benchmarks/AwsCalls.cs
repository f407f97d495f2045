using System.Collections.Concurrent;
using System.Text.Json;

namespace Dashboard.Benchmarks;

/// <summary>AWS requests by X-Amz-Target operation ("SageMaker.DescribeEndpoint"), and DescribeEndpoint's by endpoint.</summary>
public sealed class AwsCalls
{
    private readonly ConcurrentDictionary<string, int> _byOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _describedEndpoints = new(StringComparer.Ordinal);

    /// <summary>A copy of the counts so far, to subtract from a later one.</summary>
    public Snapshot Take() => new(new Dictionary<string, int>(_byOperation), new Dictionary<string, int>(_describedEndpoints));

    internal void Record(string operation, string? endpoint)
    {
        _byOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (endpoint is not null)
        {
            _describedEndpoints.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        }
    }

    public sealed record Snapshot(IReadOnlyDictionary<string, int> ByOperation, IReadOnlyDictionary<string, int> DescribedEndpoints)
    {
        /// <summary>What happened since <paramref name="before"/>: operations with their counts, zeros left out.</summary>
        public Snapshot Since(Snapshot before) => new(Minus(ByOperation, before.ByOperation), Minus(DescribedEndpoints, before.DescribedEndpoints));

        public int Count(string operation) => ByOperation.GetValueOrDefault(operation);

        private static Dictionary<string, int> Minus(IReadOnlyDictionary<string, int> after, IReadOnlyDictionary<string, int> before) =>
            after.Select(p => (p.Key, Value: p.Value - before.GetValueOrDefault(p.Key))).Where(p => p.Value != 0)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}

/// <summary>Counts each request of the AWS clients (retries included) before it is sent.</summary>
internal sealed class AwsCallCounter(AwsCalls calls) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "(query)";
        var operation = target.Replace("GraniteServiceVersion20100801.", "CloudWatch.", StringComparison.Ordinal);
        string? endpoint = null;
        if (operation == "SageMaker.DescribeEndpoint" && request.Content is not null)
        {
            using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            endpoint = body.RootElement.GetProperty("EndpointName").GetString();
        }
        calls.Record(operation, endpoint);
        return await base.SendAsync(request, cancellationToken);
    }
}
