using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Dashboard.Core.Outbound;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Tests.Shared;
using Dashboard.Web.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>The notification pages over the real stores (see <see cref="StorageTestContext"/>) and a webhook sender that records instead of posting.</summary>
public abstract class NotificationPageContext : StorageTestContext
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
    protected static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin });
    protected static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer });

    protected NotificationPageContext()
        : base(Start, services =>
        {
            services.AddSingleton(Options.Create(new NotificationOptions()));
            services.AddSingleton(new MapResolver().Map("hooks.slack.com", "52.0.0.1"));
            services.AddSingleton<IHostResolver>(provider => provider.GetRequiredService<MapResolver>());
            services.AddOutboundDestinations();
            services.AddSingleton<RecordingSender>();
            services.AddSingleton<IWebhookSender>(provider => provider.GetRequiredService<RecordingSender>());
            services.AddSingleton<DeliverySignal>();
            services.AddSingleton<WebhookDispatcher>();
        })
    {
    }

    /// <summary>The fleet the pages see: churn-prod, InService.</summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.GetRequiredService<IFleetStore>().SaveAsync([new EndpointState("churn-prod", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod",
            "InService", null, Start, Start, null, [new VariantState("AllTraffic", "ml.m5.large", 1, 1, 1, 1)], Start)], Ct);
    }

    protected IWebhookStore Webhooks => Services.GetRequiredService<IWebhookStore>();

    /// <summary>What names resolve to: hooks.slack.com to a public address until a test says otherwise.</summary>
    internal MapResolver Resolver => Services.GetRequiredService<MapResolver>();

    /// <summary>The allow-list, read when the page first needs the policy: add entries before rendering.</summary>
    protected List<string> AllowedDestinations => Services.GetRequiredService<IOptions<NotificationOptions>>().Value.AllowedDestinations;
    protected IMuteWindowStore Mutes => Services.GetRequiredService<IMuteWindowStore>();
    protected IAlarmStore Alarms => Services.GetRequiredService<IAlarmStore>();

    protected async Task CreateAlarmAsync(string name, string endpoint = "churn-prod") =>
        await Alarms.CreateAsync(new AlarmDefinition
        {
            Name = name,
            Kind = AlarmKind.Metric,
            Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
                [new("EndpointName", endpoint), new("VariantName", "AllTraffic")], "p90", 60),
            Threshold = 1_000_000,
        }, Engineer, Ct);

    protected async Task<AlarmTransition> TransitionAsync(string alarm, AlarmState state, long asOf, string? mutedBy = null) =>
        Assert.Single(await Alarms.ApplyAsync([new AlarmOutcome(alarm, new AlarmEvaluation(asOf, state, $"{state} now", [], 1, 1, 1), mutedBy)], Ct));

    internal sealed class RecordingSender : IWebhookSender
    {
        public List<string> Bodies { get; } = [];

        public Task<WebhookSendResult> SendAsync(Webhook webhook, string jsonBody, string? deliveryId, CancellationToken cancellationToken = default)
        {
            Bodies.Add(jsonBody);
            return Task.FromResult(new WebhookSendResult(200, null));
        }
    }
}
