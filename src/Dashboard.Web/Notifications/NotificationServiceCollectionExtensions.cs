using Dashboard.Core.Notifications;

namespace Dashboard.Web.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Options, the notifier the alarm worker calls, the webhook dispatcher (a hosted service) and its HTTP client.
    /// Needs the stores of AddDashboardStorage, a LiveStore and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddDashboardNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddHttpClient(HttpWebhookSender.ClientName, client =>
            {
                // Each attempt has its own timeout (Notifications:RequestTimeout) in the sender.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("sagemaker-fleet-dashboard");
            })
            // A webhook answers; it does not send us elsewhere (a redirect would also replay the body to another host).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's request logging writes the full URL, token included; our sender logs the redacted one.
            .RemoveAllLoggers();
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<IAlarmNotifier, AlarmNotifier>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
