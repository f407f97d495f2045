using Dashboard.Core.Notifications;
using Dashboard.Core.Outbound;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Outbound;

public static class OutboundServiceCollectionExtensions
{
    /// <summary>
    /// The destination policy for server-side requests (its allow-list is Notifications:AllowedDestinations), the
    /// save-time check and the connect step outbound HTTP clients use. A resolver registered earlier is kept (tests).
    /// </summary>
    public static IServiceCollection AddOutboundDestinations(this IServiceCollection services)
    {
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton(provider => new DestinationPolicy(provider.GetRequiredService<IOptions<NotificationOptions>>().Value.AllowList()));
        services.TryAddSingleton<DestinationCheck>();
        services.TryAddSingleton<DestinationConnector>();
        return services;
    }
}
