using Dashboard.Storage.Startup;
using Dashboard.Web.Accounts;
using Dashboard.Web.Components;
using Dashboard.Web.Alarms;
using Dashboard.Web.Audit;
using Dashboard.Web.Hosting.Health;
using Dashboard.Web.Hosting.Security;
using Dashboard.Web.Hosting.Telemetry;
using MudBlazor.Services;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The whole dashboard as one host: configuration and its check, the embedded simulator in simulated mode, services,
/// storage, demo accounts, middleware and endpoints. Program.cs runs it; tests host it in their own process (several at
/// once, each with its own database and simulator) on port 0 and read <see cref="Address"/> after <see cref="StartAsync"/>.
/// Refusals to start come back as <see cref="DashboardStartupException"/> with the documented exit code.
/// </summary>
public sealed class DashboardWebApplication : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatedFleet? _simulator;
    private bool _started;
    private bool _ran;

    private DashboardWebApplication(WebApplication app, SimulatedFleet? simulator)
    {
        _app = app;
        _simulator = simulator;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Where the app listens, port 0 resolved to the bound port; known once started.</summary>
    public Uri Address => _started
        ? new Uri(_app.Urls.First())
        : throw new InvalidOperationException("The dashboard has not been started.");

    /// <summary>
    /// The checked configuration alone, for one-shot commands that must not start the host or the simulator
    /// (<see cref="VerifyAuditCommand"/>).
    /// </summary>
    public static IConfiguration ReadConfiguration(DashboardWebApplicationOptions options) => CreateCheckedBuilder(options).Configuration;

    /// <summary>Builds the app, ready to start: the simulator runs, the database is migrated and the accounts are seeded.</summary>
    public static async Task<DashboardWebApplication> CreateAsync(DashboardWebApplicationOptions options, CancellationToken cancellationToken = default)
    {
        var builder = CreateCheckedBuilder(options);
        var mode = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>()?.Mode ?? DashboardMode.Simulated;
        var simulator = mode == DashboardMode.Simulated ? await SimulatedFleet.StartAsync(builder.Configuration, cancellationToken) : null;
        WebApplication? app = null;
        try
        {
            app = Build(builder, simulator);
            await InitializeStorageAsync(app, cancellationToken);
            await app.Services.GetRequiredService<AccountSeeder>().SeedAsync(mode == DashboardMode.Simulated, cancellationToken);
            UsePipeline(app, builder.Configuration);
            app.Logger.LogInformation("Dashboard running in {Mode} mode{Simulator}", mode,
                simulator is null ? "" : $"; simulated fleet at {simulator.Address}");
            return new DashboardWebApplication(app, simulator);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        _started = true;
    }

    /// <summary>Runs until the process is asked to stop (Ctrl+C, SIGTERM); the host is disposed when it returns.</summary>
    public async Task RunAsync()
    {
        _ran = true;
        await _app.RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ran)
        {
            if (_started)
            {
                await _app.StopAsync();
            }
            await _app.DisposeAsync();
        }
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    /// <summary>
    /// One explicit file (the repository's appsettings.json, copied next to the binary, or --config / DASHBOARD_CONFIG),
    /// then environment variables (Section__Key) and the command line, then what the caller adds; checked as a whole.
    /// </summary>
    private static WebApplicationBuilder CreateCheckedBuilder(DashboardWebApplicationOptions options)
    {
        var readEnvironment = options.ReadEnvironmentVariables;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,
            // Static web assets are found by this name (Dashboard.Web.staticwebassets.*.json), also when a test assembly hosts the app.
            ApplicationName = typeof(DashboardWebApplication).Assembly.GetName().Name,
            EnvironmentName = options.EnvironmentName ?? (readEnvironment ? null : Environments.Production),
            ContentRootPath = options.ContentRootPath ?? (readEnvironment ? null : Directory.GetCurrentDirectory()),
        });

        var configPath = (readEnvironment
            ? builder.Configuration["config"] ?? Environment.GetEnvironmentVariable("DASHBOARD_CONFIG")
            : new ConfigurationBuilder().AddCommandLine(options.Args).Build()["config"])
            ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        builder.Configuration.Sources.Clear();
        AddConfigurationFile(builder.Configuration, Path.GetFullPath(configPath));
        if (readEnvironment)
        {
            builder.Configuration.AddEnvironmentVariables();
        }
        builder.Configuration.AddCommandLine(options.Args);
        options.PreConfigure?.Invoke(builder);

        var errors = ConfigurationCheck.Run(builder.Configuration, DashboardServices.Sections)
            .Concat(ReverseProxyHeaders.BuiltInSwitchErrors(builder.Configuration)).ToList();
        if (errors.Count > 0)
        {
            throw new DashboardStartupException(DashboardStartupException.ConfigurationInvalid,
            [
                $"The dashboard cannot start: the configuration ({configPath}, environment, command line) has errors:",
                .. errors.Select(error => $"  - {error}"),
            ]);
        }
        return builder;
    }

    private static WebApplication Build(WebApplicationBuilder builder, SimulatedFleet? simulator)
    {
        // Dashboard.Web.csproj sets this for the app's own process (BlazorDisableThrowNavigationException); a process that
        // hosts the app, such as a test runner, must redirect from static rendering the same way.
        AppContext.SetSwitch("Microsoft.AspNetCore.Components.Endpoints.NavigationManager.DisableThrowNavigationException", true);
        builder.WebHost.UseStaticWebAssets();
        builder.AddDashboardTelemetry();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddDashboardHealthChecks();
        builder.Services.AddDashboard(builder.Configuration, simulator);
        builder.Services.AddDashboardAuth(builder.Configuration);
        return builder.Build();
    }

    private static async Task InitializeStorageAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.Services.InitializeDashboardStorageAsync(cancellationToken);
        }
        catch (StorageStartupException ex)
        {
            app.Logger.LogCritical("The dashboard cannot start: {Reason}", ex.Message);
            throw new DashboardStartupException(DashboardStartupException.StorageFailed, [$"The dashboard cannot start: {ex.Message}"]);
        }
    }

    private static void UsePipeline(WebApplication app, IConfiguration configuration)
    {
        var authOptions = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var proxyOptions = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();

        app.UseReverseProxyHeaders(proxyOptions);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            // Only when the dashboard listens on https or behind a named proxy: the plain http://localhost:5000 of the README
            // must keep working. HSTS answers only requests that came over https, which behind the proxy means the proxy said so.
            var servesHttps = AccountEndpoints.ServesHttps(configuration);
            if (servesHttps || proxyOptions.Enabled)
            {
                app.UseHsts();
            }
            // Behind a proxy, sending plain http on to https is the proxy's job (it knows the public https port; the dashboard
            // does not, and the middleware would only log that it cannot tell).
            if (servesHttps)
            {
                app.UseHttpsRedirection();
            }
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRouting();
        app.UseFirstRunSetup();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseAntiforgeryFailurePage();

        // Anonymous: static assets, the probes, the metrics scrape (when on) and the account pages marked [AllowAnonymous];
        // everything else needs a sign-in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapDashboardHealthChecks();
        app.MapDashboardTelemetry();
        app.MapDashboardAccountEndpoints(authOptions);
        app.MapAuditExport();
        app.MapAlarmHistoryCsv();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
    }

    /// <summary>A missing or unreadable settings file is a configuration error (exit code 2) said in one line, not a crash.</summary>
    private static void AddConfigurationFile(IConfigurationBuilder configuration, string path)
    {
        try
        {
            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        catch (FileNotFoundException)
        {
            throw new DashboardStartupException(DashboardStartupException.ConfigurationInvalid,
                [$"The dashboard cannot start: the configuration file {path} does not exist (--config or DASHBOARD_CONFIG names it)."]);
        }
        catch (InvalidDataException ex)
        {
            throw new DashboardStartupException(DashboardStartupException.ConfigurationInvalid,
                [$"The dashboard cannot start: the configuration file {path} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}"]);
        }
    }
}
