using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Dashboard.Integration.Tests.Notifications;

/// <summary>A real HTTP server on a free loopback port that answers webhook posts with scripted status codes (and bodies).</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string PathAndQuery, string Body)> Received { get; } = new();

    /// <summary>The X-Dashboard-Delivery header of every request, in order.</summary>
    public ConcurrentQueue<string> DeliveryIds { get; } = new();

    /// <summary>Written with every answer that is not 2xx, after <see cref="ErrorPhrase"/> as the status line's phrase (a service's banner).</summary>
    public string? ErrorBody { get; set; }

    public string? ErrorPhrase { get; set; }

    /// <summary>
    /// When set, decides every answer (instead of <see cref="Answer"/>) from the request's X-Dashboard-Delivery header,
    /// and may hold it as long as it likes.
    /// </summary>
    public Func<string, Task<int>>? Script { get; set; }

    /// <summary>Held before answering, to make the client time out.</summary>
    public TimeSpan Delay { get; set; }

    public Uri Address => new(_app.Urls.Single());

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var deliveryId = context.Request.Headers["X-Dashboard-Delivery"].ToString();
            receiver.DeliveryIds.Enqueue(deliveryId);
            receiver.Received.Enqueue((context.Request.Path + context.Request.QueryString, await reader.ReadToEndAsync()));
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay, context.RequestAborted);
            }
            var status = receiver.Script is { } script ? await script(deliveryId) : receiver._answers.TryDequeue(out var next) ? next : 200;
            context.Response.StatusCode = status;
            if (status >= 300 && receiver.ErrorBody is { } body)
            {
                context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = receiver.ErrorPhrase;
                await context.Response.WriteAsync(body);
            }
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The status codes of the next answers, in order; 200 after them.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
