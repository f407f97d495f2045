using System.Text.Json;
using Dashboard.Core.Wire;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Sts;

namespace Dashboard.Simulator.Wire;

/// <summary>
/// Answers <c>POST /</c> for the AWS JSON protocols: picks the operation from X-Amz-Target, injects outages,
/// authenticates, injects the other faults, deserializes with <see cref="AwsJson.Options"/> (the same settings as the dashboard's clients), runs it, and
/// renders the reply or the error in the service's format.
/// </summary>
public sealed class AwsDispatcher
{
    public const string TargetHeader = "X-Amz-Target";

    // Large enough for 500 metric queries; anything bigger is not a request this simulator expects.
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private delegate byte[] Invoker(ReadOnlyMemory<byte> body);

    private readonly Dictionary<string, (AwsService Service, Invoker Invoke)> _operations = new(StringComparer.Ordinal);
    private readonly IAwsRequestAuthenticator _authenticator;
    private readonly FaultInjector _faults;
    private readonly ILogger<AwsDispatcher> _logger;
    private readonly StsQueryHandler? _sts;
    private readonly CallLog? _calls;

    /// <param name="sts">Answers form-encoded (awsQuery) requests; without it they fall through to X-Amz-Target routing.</param>
    /// <param name="calls">Counts every request of a known operation on arrival.</param>
    public AwsDispatcher(IEnumerable<IAwsOperations> operationSets, IAwsRequestAuthenticator authenticator, FaultInjector faults,
        ILogger<AwsDispatcher> logger, StsQueryHandler? sts = null, CallLog? calls = null)
    {
        _sts = sts;
        _calls = calls;
        _authenticator = authenticator;
        _faults = faults;
        _logger = logger;
        foreach (var set in operationSets)
        {
            set.Register(this);
        }
    }

    public void Add<TRequest, TResponse>(AwsService service, string operation, Func<TRequest, TResponse> handler)
        where TRequest : class
    {
        _operations.Add(service.TargetPrefix + operation, (service, body =>
        {
            var request = Deserialize<TRequest>(body);
            return JsonSerializer.SerializeToUtf8Bytes(handler(request), AwsJson.Options);
        }
        ));
    }

    public async Task HandleAsync(HttpContext context)
    {
        // STS speaks awsQuery: a form body naming the Action, no X-Amz-Target. Faults do not apply to it.
        if (_sts is not null && StsQueryHandler.IsQueryRequest(context.Request))
        {
            ReadOnlyMemory<byte> form;
            try
            {
                form = await ReadBodyAsync(context.Request, context.RequestAborted);
            }
            catch (AwsErrorException)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            await _sts.HandleAsync(context, form);
            return;
        }
        string target = context.Request.Headers[TargetHeader].ToString();
        var (service, _) = AwsService.Resolve(target);
        service ??= GuessServiceFromContentType(context.Request.ContentType);
        try
        {
            if (!_operations.TryGetValue(target, out var operation))
            {
                throw new AwsErrorException("UnknownOperationException",
                    target.Length == 0 ? "Missing X-Amz-Target header." : $"Operation {target} is not supported.");
            }
            service = operation.Service;
            _calls?.Record(target);
            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            _faults.ThrowIfOutage(service);
            await _authenticator.AuthenticateAsync(context, service, body);
            var malformed = await _faults.BeforeOperationAsync(service, context.RequestAborted);
            var reply = operation.Invoke(body);
            if (malformed)
            {
                reply = FaultInjector.Truncate(reply);
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = service.ContentType;
            context.Response.ContentLength = reply.Length;
            await context.Response.Body.WriteAsync(reply, context.RequestAborted);
        }
        catch (AwsErrorException error)
        {
            await AwsErrorWriter.WriteAsync(context, service, error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            _logger.LogError(ex, "Simulator failed on {Target}", target);
            var code = service == AwsService.CloudWatch ? "InternalServiceError" : "InternalFailure";
            await AwsErrorWriter.WriteAsync(context, service, AwsErrorException.Internal(code, "The simulator hit an internal error."));
        }
    }

    private static AwsService GuessServiceFromContentType(string? contentType) =>
        contentType?.Contains(AwsService.SageMaker.ContentType, StringComparison.OrdinalIgnoreCase) == true
            ? AwsService.SageMaker
            : AwsService.CloudWatch;

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new AwsErrorException("SerializationException", "The request body is too large.");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            throw new AwsErrorException("SerializationException", "The request body is too large.");
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static T Deserialize<T>(ReadOnlyMemory<byte> body) where T : class
    {
        // AWS SDKs send "{}" for operations without input; some tools send nothing at all.
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            body = "{}"u8.ToArray();
        }
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, AwsJson.Options)
                ?? throw new AwsErrorException("SerializationException", "The request body must be a JSON object.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException)
        {
            throw new AwsErrorException("SerializationException", $"Could not parse the request body: {ex.Message}");
        }
    }
}

/// <summary>A set of operations of one service, registered with the dispatcher at start-up.</summary>
public interface IAwsOperations
{
    void Register(AwsDispatcher dispatcher);
}
