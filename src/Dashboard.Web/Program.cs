using Dashboard.Storage.Startup;
using Dashboard.Web.Components;
using Dashboard.Web.Components.Audit;
using Dashboard.Web.Hosting;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// The app's configuration is one explicit file (the repository's appsettings.json, copied next to the binary, or
// --config / DASHBOARD_CONFIG), then environment variables (Section__Key) and the command line.
var configPath = builder.Configuration["config"] ?? Environment.GetEnvironmentVariable("DASHBOARD_CONFIG")
    ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json");
builder.Configuration.Sources.Clear();
builder.Configuration.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false)
    .AddEnvironmentVariables()
    .AddCommandLine(args);

var configErrors = ConfigurationCheck.Run(builder.Configuration, DashboardServices.Sections);
if (configErrors.Count > 0)
{
    Console.Error.WriteLine($"The dashboard cannot start: the configuration ({configPath}, environment, command line) has errors:");
    foreach (var error in configErrors)
    {
        Console.Error.WriteLine($"  - {error}");
    }
    return 2;
}

// A one-shot command: check the audit trail's hash chain and exit, without starting the host or the simulator.
if (VerifyAuditCommand.IsRequested(args))
{
    return await VerifyAuditCommand.RunAsync(builder.Configuration, Console.Out, Console.Error, CancellationToken.None);
}

var mode = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>()?.Mode ?? DashboardMode.Simulated;
await using var simulator = mode == DashboardMode.Simulated ? await SimulatedFleet.StartAsync(builder.Configuration, CancellationToken.None) : null;

builder.WebHost.UseStaticWebAssets();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddHealthChecks();
builder.Services.AddDashboard(builder.Configuration, simulator);

var app = builder.Build();

try
{
    await app.Services.InitializeDashboardStorageAsync(CancellationToken.None);
}
catch (StorageStartupException ex)
{
    app.Logger.LogCritical("The dashboard cannot start: {Reason}", ex.Message);
    Console.Error.WriteLine($"The dashboard cannot start: {ex.Message}");
    return 1;
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapAuditExport();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Logger.LogInformation("Dashboard running in {Mode} mode{Simulator}", mode,
    simulator is null ? "" : $"; simulated fleet at {simulator.Address}");
await app.RunAsync();
return 0;
