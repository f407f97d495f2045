using System.Diagnostics;
using Dashboard.Simulator;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Scenario;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks.Capture;

/// <summary>
/// What a reader backfilling the default fleet's bucket costs the simulator: list and read every capture file and every
/// ground-truth file of the history (8 days), twice (the second pass from the built-bytes cache where it still holds
/// them), with CPU and wall time.
/// </summary>
public static class CaptureBench
{
    public static Task RunAsync()
    {
        var anchor = SimulatorApp.FloorToHour(DateTimeOffset.UtcNow);
        var now = anchor.AddMinutes(37);
        var options = Options.Create(new SimulatorOptions { Anchor = anchor });
        using var catalog = new S3Catalog(new FleetScenario(options.Value.Seed, anchor), options,
            new SimulatorFaults(options, TimeProvider.System));
        Console.WriteLine($"CaptureRecordsPerHour {options.Value.CaptureRecordsPerHour}, CaptureHistoryDays {options.Value.CaptureHistoryDays}, "
            + $"{Environment.ProcessorCount} cores, load {Load()}");
        for (var pass = 1; pass <= 2; pass++)
        {
            foreach (var prefix in new[] { "datacapture/", "ground-truth/" })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                var entries = catalog.List(prefix, "", now).ToList();
                var listed = wall.Elapsed;
                long bytes = 0, lines = 0;
                foreach (var entry in entries)
                {
                    var content = catalog.Read(entry).Content;
                    bytes += content.Length;
                    lines += content.AsSpan().Count((byte)'\n');
                }
                var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.WriteLine($"pass {pass} {prefix,-13} {entries.Count,6} files {lines,9:N0} lines {bytes / 1e6,6:0.0} MB  "
                    + $"list {listed.TotalSeconds:0.00} s, list+read wall {wall.Elapsed.TotalSeconds:0.00} s, CPU {spent.TotalSeconds:0.00} s "
                    + $"({spent.TotalMilliseconds * 1000 / Math.Max(1, lines):0.0} µs CPU per line)");
            }
        }
        return Task.CompletedTask;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
