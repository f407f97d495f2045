using Dashboard.Core.Alarms;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;

namespace Dashboard.Core.Tests.Notifications;

/// <summary>An in-memory webhook store: enough of the real one's behaviour for the notifier and the dispatcher.</summary>
internal sealed class InMemoryWebhookStore : IWebhookStore
{
    private readonly List<Webhook> _webhooks = [];
    private readonly List<Row> _deliveries = [];

    public sealed class Row(long id, Webhook webhook, AlarmTransition? transition, DeploymentNotice? notice = null)
    {
        public long Id { get; } = id;
        public Webhook Webhook { get; } = webhook;
        public AlarmTransition? Transition { get; } = transition;
        public DeploymentNotice? Notice { get; } = notice;
        public List<DeliveryAttempt> Attempts { get; } = [];
        public DeliveryStatus Status => Attempts.LastOrDefault()?.Status ?? DeliveryStatus.Pending;
        public long NextAttemptAt => Attempts.LastOrDefault()?.NextAttemptAt ?? 0;
    }

    public IReadOnlyList<Row> Deliveries => _deliveries;

    public Webhook Add(string name, string url, WebhookFormat format = WebhookFormat.Generic, bool enabled = true)
    {
        var webhook = new Webhook(_webhooks.Count + 1, name, url, format, enabled);
        _webhooks.Add(webhook);
        return webhook;
    }

    public Task<IReadOnlyList<WebhookSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WebhookSummary>>(_webhooks
            .Select(w => new WebhookSummary(w.Id, w.Name, w.RedactedUrl, w.Format, w.Enabled, "test", null, null, null, null)).ToList());

    public Task<Webhook?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_webhooks.SingleOrDefault(w => w.Id == id));

    public Task<Webhook> CreateAsync(Webhook webhook, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DeleteAsync(long id, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetEnabledAsync(long id, bool enabled, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryLogEntry>> DeliveriesAsync(DeliveryFilter filter, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<int> EnqueueAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default)
    {
        var added = 0;
        foreach (var transition in transitions.Where(t => t.MutedBy is null))
        {
            foreach (var webhook in _webhooks.Where(w => w.Enabled))
            {
                _deliveries.Add(new Row(_deliveries.Count + 1, webhook, transition));
                added++;
            }
        }
        return Task.FromResult(added);
    }

    /// <summary>Queues a deployment notice to every enabled webhook, as the notice store does in the one queue.</summary>
    public void EnqueueNotice(DeploymentNotice notice)
    {
        foreach (var webhook in _webhooks.Where(w => w.Enabled))
        {
            _deliveries.Add(new Row(_deliveries.Count + 1, webhook, null, notice));
        }
    }

    public Task<IReadOnlyList<DueDelivery>> DueAsync(long now, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DueDelivery>>(_deliveries
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .Take(limit)
            .Select(d => new DueDelivery(d.Id, d.Webhook, d.Transition, d.Attempts.Count) { Notice = d.Notice })
            .ToList());

    public Task RecordAttemptAsync(long deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        _deliveries.Single(d => d.Id == deliveryId).Attempts.Add(attempt);
        return Task.CompletedTask;
    }
}

/// <summary>Answers each send with the next scripted result and keeps what was sent.</summary>
internal sealed class ScriptedSender(params WebhookSendResult[] results) : IWebhookSender
{
    private readonly Queue<WebhookSendResult> _results = new(results);

    public List<(Webhook Webhook, string Body)> Sent { get; } = [];

    public Task<WebhookSendResult> SendAsync(Webhook webhook, string jsonBody, string? deliveryId, CancellationToken cancellationToken = default)
    {
        Sent.Add((webhook, jsonBody));
        return Task.FromResult(_results.Count > 0 ? _results.Dequeue() : new WebhookSendResult(200, null));
    }
}
