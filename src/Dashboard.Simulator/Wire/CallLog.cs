using System.Collections.Concurrent;
using Dashboard.Simulator.Faults;

namespace Dashboard.Simulator.Wire;

/// <summary>
/// How many requests of each operation reached the simulator (by X-Amz-Target, counted on arrival, before faults and
/// authentication): what a test reads to tell that no SageMaker call was made twice, across dashboard replicas and
/// processes that each see only their own calls.
/// </summary>
public sealed class CallLog
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string target) => _counts.AddOrUpdate(target, 1, (_, count) => count + 1);

    /// <summary>The count of <paramref name="target"/> ("SageMaker.UpdateEndpoint"); 0 when it never came.</summary>
    public long Count(string target) => _counts.TryGetValue(target, out var count) ? count : 0;

    /// <summary>Every operation that came, by target, in name order.</summary>
    public SortedDictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);
}

/// <summary>
/// <c>GET /_simulator/calls</c>: the <see cref="CallLog"/> as JSON (<c>{"SageMaker.UpdateEndpoint":1,…}</c>), signed
/// like the fault admin API (service <see cref="FaultAdminEndpoints.SigningName"/>, the simulator's credentials).
/// </summary>
public static class CallLogEndpoints
{
    public const string Path = "/_simulator/calls";

    public static IEndpointRouteBuilder MapCallLog(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext context, CallLog calls) =>
        {
            try
            {
                var authenticator = context.RequestServices.GetRequiredKeyedService<IAwsRequestAuthenticator>(FaultAdminEndpoints.AuthenticatorKey);
                await authenticator.AuthenticateAsync(context, FaultAdminEndpoints.Service, ReadOnlyMemory<byte>.Empty);
            }
            catch (AwsErrorException error)
            {
                return Results.Json(new Dictionary<string, string> { ["__type"] = error.Code, ["message"] = error.Message }, statusCode: error.StatusCode);
            }
            return Results.Json(calls.Snapshot());
        });
        return app;
    }
}
