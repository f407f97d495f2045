using Dashboard.Web.Hosting;

var options = new DashboardWebApplicationOptions { Args = args };
try
{
    // A one-shot command: check the audit trail's hash chain and exit, without starting the host or the simulator.
    if (VerifyAuditCommand.IsRequested(args))
    {
        return await VerifyAuditCommand.RunAsync(args, DashboardWebApplication.ReadConfiguration(options), Console.Out, Console.Error,
            CancellationToken.None);
    }
    // A one-shot command: copy a SQLite database into an empty PostgreSQL one and exit.
    if (MigrateToPostgresCommand.IsRequested(args))
    {
        return await MigrateToPostgresCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
    }
    await using var dashboard = await DashboardWebApplication.CreateAsync(options);
    await dashboard.RunAsync();
    return 0;
}
catch (DashboardStartupException refused)
{
    foreach (var line in refused.Lines)
    {
        Console.Error.WriteLine(line);
    }
    return refused.ExitCode;
}
