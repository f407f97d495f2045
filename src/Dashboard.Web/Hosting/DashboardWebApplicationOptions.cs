namespace Dashboard.Web.Hosting;

/// <summary>How <see cref="DashboardWebApplication"/> builds the dashboard: Program.cs sets only the arguments.</summary>
public sealed class DashboardWebApplicationOptions
{
    /// <summary>The command line (settings such as <c>--urls http://127.0.0.1:0</c>, <c>--config file</c>, <c>--Section:Key value</c>).</summary>
    public string[] Args { get; init; } = [];

    /// <summary>
    /// False: the process environment is not read at all (no Section__Key variables, no DASHBOARD_CONFIG, no
    /// ASPNETCORE_ENVIRONMENT), so an app hosted by a test sees only what the test gives it.
    /// </summary>
    public bool ReadEnvironmentVariables { get; init; } = true;

    /// <summary>The host environment; when null, ASPNETCORE_ENVIRONMENT decides (Production without environment variables).</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>The content root; when null, the current directory.</summary>
    public string? ContentRootPath { get; init; }

    /// <summary>
    /// Runs after the configuration sources are in place and before the configuration check and the app's own
    /// registrations: a caller adds settings (in-memory), logging providers or services.
    /// </summary>
    public Action<WebApplicationBuilder>? PreConfigure { get; init; }
}
