using Dashboard.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Tests.Shared;

/// <summary>
/// The whole dashboard (<see cref="DashboardWebApplication"/>) in the test's own process on a loopback port 0, with a
/// temporary data folder of its own and its log captured instead of printed. It reads the repository's appsettings.json,
/// then only the settings the test gives: nothing from the runner's environment variables.
/// </summary>
public sealed class InProcessDashboard : IAsyncDisposable
{
    private readonly DashboardWebApplication _app;

    private InProcessDashboard(DashboardWebApplication app, string dataFolder, FakeLogCollector logs)
    {
        _app = app;
        DataFolder = dataFolder;
        Logs = logs;
    }

    public Uri Address => _app.Address;

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "dashboard.db");

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the app logged, at the levels appsettings.json sets (what its console would have shown).</summary>
    public FakeLogCollector Logs { get; }

    /// <param name="settings">Configuration keys as in appsettings.json (Section:Key); they win over the file.</param>
    /// <param name="environmentName">Development unless a test needs what a deployment sees (error page, HSTS).</param>
    public static async Task<InProcessDashboard> StartAsync(IReadOnlyDictionary<string, string?> settings,
        string environmentName = "Development", CancellationToken cancellationToken = default)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-test-" + Guid.NewGuid().ToString("N"));
        var logs = new FakeLogCollector();
        var options = new DashboardWebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0", "--config", BuildPaths.WebAppConfig],
            ReadEnvironmentVariables = false,
            EnvironmentName = environmentName,
            ContentRootPath = BuildPaths.WebProjectDir,
            PreConfigure = builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Dashboard:DatabasePath"] = Path.Combine(dataFolder, "dashboard.db"),
                });
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
            },
        };
        DashboardWebApplication? app = null;
        try
        {
            app = await DashboardWebApplication.CreateAsync(options, cancellationToken);
            await app.StartAsync(cancellationToken);
            return new InProcessDashboard(app, dataFolder, logs);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            DeleteFolder(dataFolder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        DeleteFolder(DataFolder);
    }

    private static void DeleteFolder(string folder)
    {
        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
