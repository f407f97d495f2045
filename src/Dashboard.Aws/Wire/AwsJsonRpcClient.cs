using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Dashboard.Core;
using Dashboard.Core.Telemetry;
using Dashboard.Core.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Aws.Wire;

/// <summary>
/// The awsJson 1.0/1.1 request loop shared by the CloudWatch and SageMaker clients: serialize, wait for the rate
/// limiter, POST, map errors, retry with backoff, check the reply. Signing happens in the HttpClient's primary handler, so every attempt is
/// a new message and gets a fresh signature.
/// </summary>
internal sealed partial class AwsJsonRpcClient(
    AwsServiceDescriptor service,
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<AwsOptions> options,
    AwsEndpointResolver endpoints,
    AwsRetryPolicy retryPolicy,
    AwsRateLimiter rateLimiter,
    AwsCallStats stats,
    TimeProvider timeProvider,
    ILogger<AwsJsonRpcClient> logger)
{
    public AwsServiceDescriptor Service => service;

    public Task<TResponse> InvokeAsync<TRequest, TResponse>(string operation, TRequest request,
        Func<TResponse, TResponse> checkReply, CancellationToken cancellationToken)
        where TResponse : class =>
        InvokeCoreAsync(operation, request, reply => ReadReply(operation, reply, checkReply), cancellationToken);

    /// <summary>For operations without an output shape: the service answers 200 with an empty body or <c>{}</c>.</summary>
    public Task InvokeAsync<TRequest>(string operation, TRequest request, CancellationToken cancellationToken) =>
        InvokeCoreAsync(operation, request, reply => CheckEmptyReply(operation, reply), cancellationToken);

    private async Task<T> InvokeCoreAsync<TRequest, T>(string operation, TRequest request, Func<Reply, T> read,
        CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var endpoint = endpoints.Resolve(current, service).Url;
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options);
        var invocationId = Guid.NewGuid().ToString();
        var maxAttempts = Math.Max(1, current.MaxAttempts);

        stats.RecordCall(service.Name, operation);
        // One client span per logical call, its attempts and waits included; null unless a tracer listens.
        using var activity = DashboardTelemetry.Tracing.StartActivity($"{service.Name}.{operation}", ActivityKind.Client);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", service.Name);
        activity?.SetTag("rpc.method", operation);
        for (var attempt = 1; ; attempt++)
        {
            activity?.SetTag("aws.attempts", attempt);
            try
            {
                // Every attempt takes a permit: retries count against the quota like first tries. The wait is
                // outside the per-attempt timeout, which is about the service, not about our own queue.
                if (await rateLimiter.WaitAsync(service.Name, operation, cancellationToken) is { } waited)
                {
                    stats.RecordRateLimitWait(service.Name, operation, waited);
                }
                var reply = await SendOnceAsync(operation, endpoint, body, invocationId, attempt, maxAttempts,
                    current.RequestTimeout, cancellationToken);
                return read(reply);
            }
            catch (AwsServiceException error)
            {
                var kind = AwsRetryPolicy.Classify(error.ErrorCode, error.StatusCode);
                if (kind == RetryKind.Throttling)
                {
                    stats.RecordThrottle(service.Name, operation);
                }
                if (kind == RetryKind.None || attempt >= maxAttempts)
                {
                    stats.RecordFailure(service.Name, operation, error.ErrorCode, timeProvider.GetUtcNow());
                    activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
                    LogFailed(logger, service.Name, operation, attempt, error.ErrorCode, error.StatusCode, error.RequestId, error.Message);
                    throw;
                }
                var delay = retryPolicy.DelayFor(kind, attempt - 1);
                stats.RecordRetry(service.Name, operation);
                LogRetrying(logger, service.Name, operation, attempt, maxAttempts, error.ErrorCode, error.StatusCode,
                    error.RequestId, delay.TotalMilliseconds);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    private async Task<Reply> SendOnceAsync(string operation, Uri endpoint, byte[] body,
        string invocationId, int attempt, int maxAttempts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        using var message = BuildMessage(operation, endpoint, body, invocationId, attempt, maxAttempts);
        try
        {
            var client = httpClientFactory.CreateClient(service.HttpClientName);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var replyBody = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                throw AwsJsonErrorParser.Parse(service, status, response.ReasonPhrase, response.Headers, replyBody);
            }
            return new Reply(status, replyBody, AwsJsonErrorParser.RequestId(response.Headers));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            throw new AwsServiceException(service.Name, AwsErrorCodes.RequestTimeout,
                $"{operation} got no complete reply within {timeout.TotalSeconds:0.###} s", 0, null, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException(service.Name, AwsErrorCodes.NetworkError,
                $"{operation} to {endpoint.GetLeftPart(UriPartial.Authority)} failed: {ex.Message}", 0, null, ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException)
        {
            // Thrown by the signing handler when neither options nor the default chain yield credentials
            // (AmazonServiceException when e.g. an assume-role profile's STS call is refused).
            throw new AwsServiceException(service.Name, AwsErrorCodes.CredentialsUnavailable,
                $"{operation} could not be signed: {ex.Message}", 0, null, ex);
        }
    }

    private HttpRequestMessage BuildMessage(string operation, Uri endpoint, byte[] body, string invocationId,
        int attempt, int maxAttempts)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        // Exactly the media type, no "; charset=": that is what the SDKs send and what the service expects.
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(service.ContentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{service.TargetPrefix}.{operation}");
        if (service.QueryCompatible)
        {
            message.Headers.TryAddWithoutValidation("x-amzn-query-mode", "true");
        }
        // Same correlation headers as the SDKs; SigV4 never signs them, so they may differ between attempts.
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", invocationId);
        message.Headers.TryAddWithoutValidation("amz-sdk-request", $"attempt={attempt}; max={maxAttempts}");
        return message;
    }

    private TResponse ReadReply<TResponse>(string operation, Reply reply,
        Func<TResponse, TResponse> checkReply) where TResponse : class
    {
        string problem;
        try
        {
            var parsed = reply.Body.Length == 0 ? null : JsonSerializer.Deserialize<TResponse>(reply.Body, AwsJson.Options);
            if (parsed is not null)
            {
                return checkReply(parsed);
            }
            problem = "is empty";
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            // Converters can throw the latter two on a wrongly typed member; all mean "not the JSON we expect".
            problem = ex is JsonException { Path: { } path } ? $"is not the expected JSON (at {path})" : "is not the expected JSON";
        }
        catch (MalformedReplyException ex)
        {
            problem = ex.Message;
        }
        throw new AwsServiceException(service.Name, AwsErrorCodes.MalformedResponse,
            $"{operation} reply {problem}: {BodyExcerpt.From(reply.Body)}", reply.Status, reply.RequestId);
    }

    private bool CheckEmptyReply(string operation, Reply reply)
    {
        if (reply.Body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            // Members are ignored: a newer model may give the operation an output we do not read yet.
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }
        }
        catch (JsonException)
        {
        }
        throw new AwsServiceException(service.Name, AwsErrorCodes.MalformedResponse,
            $"{operation} reply is neither empty nor a JSON object: {BodyExcerpt.From(reply.Body)}", reply.Status, reply.RequestId);
    }

    private sealed record Reply(int Status, byte[] Body, string? RequestId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Service}.{Operation} attempt {Attempt}/{MaxAttempts} failed with {ErrorCode} (HTTP {StatusCode}, request {RequestId}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string service, string operation, int attempt, int maxAttempts,
        string errorCode, int statusCode, string? requestId, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Service}.{Operation} failed after {Attempts} attempt(s) with {ErrorCode} (HTTP {StatusCode}, request {RequestId}): {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string service, string operation, int attempts,
        string errorCode, int statusCode, string? requestId, string errorMessage);
}
