using Dashboard.Simulator.Auth;
using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.CloudWatch;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.SageMaker;
using Dashboard.Simulator.SageMaker.Monitoring;
using Dashboard.Simulator.SageMaker.Pipelines;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Sts;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator;

/// <summary>
/// Builds the simulator host. Runs on its own (Program.cs) or inside the dashboard's process on a loopback port:
/// <c>Build(["--urls", "http://127.0.0.1:0"])</c>, <c>StartAsync</c>, then read IServerAddressesFeature.
/// </summary>
public static class SimulatorApp
{
    /// <param name="argumentsOnly">
    /// Read no settings but <paramref name="args"/> (no appsettings.json, no environment): inside the dashboard's
    /// process those belong to the dashboard, and its Kestrel endpoints would otherwise become the simulator's too.
    /// </param>
    public static WebApplication Build(string[] args, Action<SimulatorOptions>? configure = null, TimeProvider? timeProvider = null,
        bool argumentsOnly = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // When hosted inside the dashboard the entry assembly is the dashboard's; this host is still the simulator.
            ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name,
        });
        if (argumentsOnly)
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddCommandLine(args);
        }
        var time = timeProvider ?? TimeProvider.System;
        var startedAt = time.GetUtcNow();

        builder.Services.AddSingleton(time);
        var options = builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();

        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            var scenario = new FleetScenario(settings.Seed, settings.Anchor ?? FloorToHour(startedAt), settings.FleetSize);
            scenario.DeploymentContext.Faults = sp.GetRequiredService<SimulatorFaults>();
            return scenario;
        });
        builder.Services.AddSingleton(new SimulatorStart(startedAt));
        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            var arns = new SageMakerArns(settings.Region, settings.AccountId);
            return new EndpointConfigStore(sp.GetRequiredService<FleetScenario>().Endpoints, arns.DataCaptureUri);
        });
        builder.Services.AddSingleton<IAwsOperations, SageMakerOperations>();
        builder.Services.AddSingleton<IAwsOperations, ModelOperations>();
        builder.Services.AddSingleton<IAwsOperations, DeploymentOperations>();
        builder.Services.AddSingleton<IAwsOperations, CloudWatchOperations>();
        builder.Services.AddSingleton<MonitoringCatalog>();
        builder.Services.AddSingleton<MonitoringShapesBuilder>();
        builder.Services.AddSingleton<IAwsOperations, MonitoringOperations>();
        builder.Services.AddSingleton<PipelineStore>();
        builder.Services.AddSingleton<IAwsOperations, PipelineOperations>();
        builder.Services.AddSingleton<IAwsOperations, ProcessingJobOperations>();
        builder.Services.AddSingleton<IssuedCredentials>();
        builder.Services.AddSingleton<StsQueryHandler>();
        // The machine's clock as well as ours: SDKs sign with it even when this host runs on a pinned test clock.
        builder.Services.AddSingleton<IAwsRequestAuthenticator>(sp =>
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.VerifySignatures
                ? new SigV4Authenticator(sp.GetRequiredService<IOptions<SimulatorOptions>>(), time, TimeProvider.System,
                    sp.GetRequiredService<ILogger<SigV4Authenticator>>(), sp.GetRequiredService<IssuedCredentials>())
                : new AcceptAllAuthenticator());
        // The fault admin API is signed whatever VerifySignatures says: it changes how the whole fleet answers.
        builder.Services.AddKeyedSingleton<IAwsRequestAuthenticator>(FaultAdminEndpoints.AuthenticatorKey, (sp, _) =>
            new SigV4Authenticator(sp.GetRequiredService<IOptions<SimulatorOptions>>(), time, TimeProvider.System,
                sp.GetRequiredService<ILogger<SigV4Authenticator>>(), sp.GetRequiredService<IssuedCredentials>()));
        builder.Services.AddSingleton<SimulatorFaults>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<CallLog>();
        builder.Services.AddSingleton<AwsDispatcher>();
        builder.Services.AddSingleton<S3Catalog>();

        var app = builder.Build();
        app.UseMiddleware<RequestIdMiddleware>();
        app.MapPost("/", (HttpContext context, AwsDispatcher dispatcher) => dispatcher.HandleAsync(context));
        app.MapFaultAdmin();
        app.MapCallLog();
        app.MapS3();
        return app;
    }

    public static DateTimeOffset FloorToHour(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
