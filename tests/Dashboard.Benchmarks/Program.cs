using BenchmarkDotNet.Running;
using Dashboard.Benchmarks;

// `bench [options]` prints the storage figures from one seeded run; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "bench")
{
    await StorageBench.RunAsync(BenchSettings.Parse(args[1..]));
    return;
}
// `postgres [options]` measures ingest into PostgreSQL and the chart read on SQLite and PostgreSQL side by side (PostgresBench.cs).
if (args.Length > 0 && args[0] == "postgres")
{
    await PostgresBench.RunAsync(BenchSettings.Parse(args[1..]));
    return;
}
// `capture` lists and reads the simulated bucket's 8 days of capture and ground truth (Capture/CaptureBench.cs).
if (args.Length > 0 && args[0] == "capture")
{
    await Dashboard.Benchmarks.Capture.CaptureBench.RunAsync();
    return;
}
// `cost` runs the real collectors against simulated fleets of 100 and 200 endpoints (CostBench.cs); `cost --no-deployments` skips the deployment part.
if (args.Length > 0 && args[0] == "cost")
{
    await CostBench.RunAsync(args[1..]);
    return;
}
// `scale` times the lease holder's work per minute for 500 simulated endpoints, on SQLite and PostgreSQL (ScaleBench.cs).
if (args.Length > 0 && args[0] == "scale")
{
    await ScaleBench.RunAsync(args[1..]);
    return;
}
// `alarms` runs the alarm evaluation worker over 5,000 alarms on stored history (Alarms/AlarmCycleBench.cs).
if (args.Length > 0 && args[0] == "alarms")
{
    await Dashboard.Benchmarks.Alarms.AlarmCycleBench.RunAsync();
    return;
}
// `circuits` measures the web app's memory per signed-in browser session (Circuits/CircuitBench.cs).
if (args.Length > 0 && args[0] == "circuits")
{
    await Dashboard.Benchmarks.Circuits.CircuitBench.RunAsync(Dashboard.Benchmarks.Circuits.CircuitSettings.Parse(args[1..]));
    return;
}
// `redmarks` counts the red markers and health changes of the default simulated fleet over 7 days (RedMarks/RedMarksBench.cs).
if (args.Length > 0 && args[0] == "redmarks")
{
    await Dashboard.Benchmarks.RedMarks.RedMarksBench.RunAsync(chartsOnly: args.Contains("--charts-only"),
        detail: args.SkipWhile(a => a != "--detail").Skip(1).Take(2).ToArray() is { Length: 2 } detail ? detail : null);
    return;
}
// `drift` measures capture parsing, summary sizes and the drift tab's query (Drift/DriftBench.cs).
if (args.Length > 0 && args[0] == "drift")
{
    await Dashboard.Benchmarks.Drift.DriftBench.RunAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(StorageBench).Assembly).Run(args);
