using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Aws.Tests.Infrastructure;

/// <summary>A reply the server gives to the next request.</summary>
public sealed record ScriptedReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan Delay = default, string ContentType = "application/x-amz-json-1.0")
{
    public static ScriptedReply Ok(string body, string contentType = "application/x-amz-json-1.0") =>
        new(200, body, new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-ok" }, ContentType: contentType);

    public static ScriptedReply Error(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, body, headers.ToDictionary(h => h.Name, h => h.Value));
}

/// <summary>A request as it arrived on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A real Kestrel server on a loopback port that records every request and answers from a script, so the
/// clients are tested through the real HttpClient pipeline, signing included.
/// </summary>
public sealed class ScriptedAwsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedAwsServer(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<ScriptedAwsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedAwsServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Urls.Single();
        return server;
    }

    public ScriptedAwsServer Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));

        if (!_replies.TryDequeue(out var reply))
        {
            reply = new ScriptedReply(500, """{"__type":"NoScriptedReply","message":"the test did not script this request"}""");
        }
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
