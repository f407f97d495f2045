using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Web.Hosting;
using Dashboard.Web.Outbound;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Options, the notifier the alarm worker calls, the webhook dispatcher (a hosted service) and its HTTP client, and
    /// the outbound destination policy (allow-list: Notifications:AllowedDestinations) that client connects through.
    /// Needs the Notifications settings registered (AddDashboardSettings), the stores of AddDashboardStorage, a LiveStore
    /// and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddDashboardNotifications(this IServiceCollection services)
    {
        services.AddOutboundDestinations();
        services.AddHttpClient(HttpWebhookSender.ClientName, client =>
            {
                // Each attempt has its own timeout (Notifications:RequestTimeout) in the sender.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("sagemaker-fleet-dashboard");
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A webhook answers; it does not send us elsewhere (a redirect would also replay the body to another host).
                AllowAutoRedirect = false,
                // Through a proxy the connect step would see the proxy, not the destination it checks.
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<DestinationConnector>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // The factory's request logging writes the full URL, token included; our sender logs the redacted one.
            .RemoveAllLoggers();
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<IAlarmNotifier, AlarmNotifier>();
        services.AddLeaseWorker<WebhookDispatcher>();
        // Deployment notices: derived from the stored deployments, queued with the alarm deliveries and sent by the same dispatcher.
        services.AddLeaseWorker<DeploymentNotifier>();
        return services;
    }
}
