using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Dashboard.Integration.Tests;

public enum Fault
{
    None,

    /// <summary>The simulator's reply, cut in half: a 200 whose body is not valid JSON.</summary>
    TruncatedBody,

    /// <summary>HTTP 500 with an AWS error body (transient: the client retries).</summary>
    ServerError,

    /// <summary>No reply at all until the client's per-attempt timeout cancels the request.</summary>
    Timeout,
}

/// <summary>
/// Which AWS service misbehaves, and a count of every HTTP attempt per X-Amz-Target. Shared by the handlers the
/// HttpClientFactory creates, so it survives handler rotation and dashboard restarts.
/// </summary>
public sealed class FaultSwitch
{
    private readonly ConcurrentDictionary<string, Fault> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _hanging = new(0);
    private readonly ConcurrentQueue<(string Target, byte[] Body)> _requests = new();

    public const string CloudWatch = "GraniteServiceVersion20100801.";
    public const string SageMaker = "SageMaker.";
    public const string GetMetricData = CloudWatch + "GetMetricData";

    /// <summary>Makes every request whose X-Amz-Target starts with <paramref name="targetPrefix"/> fail this way.</summary>
    public void Set(string targetPrefix, Fault fault) => _faults[targetPrefix] = fault;

    public Fault For(string target) =>
        _faults.FirstOrDefault(f => f.Value != Fault.None && target.StartsWith(f.Key, StringComparison.Ordinal)).Value;

    /// <summary>HTTP attempts seen for one operation, e.g. "GraniteServiceVersion20100801.GetMetricData".</summary>
    public int Attempts(string target) => _attempts.GetValueOrDefault(target);

    /// <summary>The bodies of every attempt sent to one operation, oldest first.</summary>
    public IReadOnlyList<byte[]> Bodies(string target) => _requests.Where(r => r.Target == target).Select(r => r.Body).ToList();

    /// <summary>Called with the operation and its attempt count before each attempt is sent (e.g. to kill a poll mid-way).</summary>
    public Action<string, int>? BeforeSend { get; set; }

    internal void Record(string target, byte[] body)
    {
        var attempts = _attempts.AddOrUpdate(target, 1, (_, n) => n + 1);
        _requests.Enqueue((target, body));
        BeforeSend?.Invoke(target, attempts);
    }

    internal void SignalHanging() => _hanging.Release();

    /// <summary>Waits until a request of a <see cref="Fault.Timeout"/> service is hanging.</summary>
    internal Task WaitForHangingAsync(CancellationToken cancellationToken) => _hanging.WaitAsync(cancellationToken);
}

/// <summary>Sits in front of the signing handler of both AWS HttpClients and applies the <see cref="FaultSwitch"/>.</summary>
internal sealed class FaultInjectingHandler(FaultSwitch faults) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
        faults.Record(target, request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken));
        switch (faults.For(target))
        {
            case Fault.TruncatedBody:
                var reply = await base.SendAsync(request, cancellationToken);
                var body = await reply.Content.ReadAsByteArrayAsync(cancellationToken);
                var contentType = reply.Content.Headers.ContentType;
                reply.Content = new ByteArrayContent(body[..(body.Length / 2)]);
                reply.Content.Headers.ContentType = contentType;
                return reply;
            case Fault.ServerError:
                return new HttpResponseMessage(HttpStatusCode.InternalServerError)
                {
                    Content = new StringContent("""{"__type":"InternalFailure","message":"injected by the test"}""", Encoding.UTF8, "application/json"),
                };
            case Fault.Timeout:
                faults.SignalHanging();
                await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
            default:
                return await base.SendAsync(request, cancellationToken);
        }
    }
}
