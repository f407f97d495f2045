using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Integration.Tests.Notifications;

/// <summary>A real HTTP server on a free loopback port that answers webhook posts with scripted status codes.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string PathAndQuery, string Body)> Received { get; } = new();

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
            receiver.Received.Enqueue((context.Request.Path + context.Request.QueryString, await reader.ReadToEndAsync()));
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay, context.RequestAborted);
            }
            return Results.StatusCode(receiver._answers.TryDequeue(out var status) ? status : 200);
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
