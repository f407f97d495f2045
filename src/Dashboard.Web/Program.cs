using Dashboard.Storage.Startup;
using Dashboard.Web.Components;
using Dashboard.Web.Alarms;
using Dashboard.Web.Audit;
using Dashboard.Web.Hosting;
using Dashboard.Web.Hosting.Security;
using Dashboard.Web.Accounts;
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

var configErrors = ConfigurationCheck.Run(builder.Configuration, DashboardServices.Sections)
    .Concat(ReverseProxyHeaders.BuiltInSwitchErrors(builder.Configuration)).ToList();
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
    return await VerifyAuditCommand.RunAsync(args, builder.Configuration, Console.Out, Console.Error, CancellationToken.None);
}

var mode = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>()?.Mode ?? DashboardMode.Simulated;
await using var simulator = mode == DashboardMode.Simulated ? await SimulatedFleet.StartAsync(builder.Configuration, CancellationToken.None) : null;

builder.WebHost.UseStaticWebAssets();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddHealthChecks();
builder.Services.AddDashboard(builder.Configuration, simulator);
var databasePath = Path.GetFullPath(builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>()?.DatabasePath ?? new DashboardOptions().DatabasePath);
builder.Services.AddDashboardAuth(builder.Configuration, Path.GetDirectoryName(databasePath)!);
var authOptions = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
var proxyOptions = builder.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();

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
await app.Services.GetRequiredService<AccountSeeder>().SeedAsync(mode == DashboardMode.Simulated, CancellationToken.None);

app.UseReverseProxyHeaders(proxyOptions);
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    // Only when the dashboard listens on https or behind a named proxy: the plain http://localhost:5000 of the README
    // must keep working. HSTS answers only requests that came over https, which behind the proxy means the proxy said so.
    var servesHttps = AccountEndpoints.ServesHttps(builder.Configuration);
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

// Anonymous: static assets, the health check and the account pages marked [AllowAnonymous]; everything else needs a sign-in.
app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapDashboardAccountEndpoints(authOptions);
app.MapAuditExport();
app.MapAlarmHistoryCsv();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Logger.LogInformation("Dashboard running in {Mode} mode{Simulator}", mode,
    simulator is null ? "" : $"; simulated fleet at {simulator.Address}");
await app.RunAsync();
return 0;
