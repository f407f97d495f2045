using BenchmarkDotNet.Running;
using Dashboard.Benchmarks;

// `bench [options]` prints the storage figures from one seeded run; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "bench")
{
    await StorageBench.RunAsync(BenchSettings.Parse(args[1..]));
    return;
}
// `cost` runs the real collectors against a simulated fleet of 200 endpoints (CostBench.cs).
if (args.Length > 0 && args[0] == "cost")
{
    await CostBench.RunAsync();
    return;
}
// `alarms` runs the alarm evaluation worker over 5,000 alarms on stored history (Alarms/AlarmCycleBench.cs).
if (args.Length > 0 && args[0] == "alarms")
{
    await Dashboard.Benchmarks.Alarms.AlarmCycleBench.RunAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(StorageBench).Assembly).Run(args);
