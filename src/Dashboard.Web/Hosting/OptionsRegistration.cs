using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The one way a section of settings is registered: bound from its section, checked at start by the validator that
/// lives beside its options class, and listed for <see cref="ConfigurationCheck"/>, which reports every key no
/// registered section knows.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<TOptions> AddDashboardOptions<TOptions>(this IServiceCollection services, string section,
        IValidateOptions<TOptions>? validator = null) where TOptions : class, new()
    {
        services.AddSingleton(ConfigurationCheck.For(section, validator));
        if (validator is not null)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        }
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>The sections registered with <see cref="AddDashboardOptions{TOptions}"/>, in order.</summary>
    public static IReadOnlyList<ConfigurationCheck.Section> ConfigurationSections(this IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(ConfigurationCheck.Section))
            .Select(d => (ConfigurationCheck.Section)d.ImplementationInstance!)
            .ToList();
}
