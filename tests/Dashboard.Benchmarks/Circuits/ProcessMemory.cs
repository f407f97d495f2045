using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Tests.Shared;

namespace Dashboard.Benchmarks.Circuits;

/// <summary>One reading of a process's memory from outside it.</summary>
/// <param name="LiveHeapBytes">Objects still reachable after a full blocking GC (what a heap dump holds).</param>
/// <param name="RssBytes">Resident set size right after that GC: what the operating system sees the process use.</param>
/// <param name="BytesByType">Live bytes per type, as the dump's report estimates them (its object size × count).</param>
public sealed record MemoryReading(long LiveHeapBytes, long RssBytes, IReadOnlyDictionary<string, long> BytesByType)
{
    /// <summary>The types that grew most from <paramref name="before"/>, per <paramref name="sessions"/>.</summary>
    public IEnumerable<(string Type, double BytesPerSession)> Growth(MemoryReading before, int sessions) =>
        BytesByType.Keys.Union(before.BytesByType.Keys)
            .Select(t => (Type: t, BytesPerSession: (BytesByType.GetValueOrDefault(t) - before.BytesByType.GetValueOrDefault(t)) / (double)sessions))
            .OrderByDescending(t => t.BytesPerSession);
}

/// <summary>
/// Reads a .NET process's memory from outside, with nothing enabled inside it: dotnet-gcdump (the repository's local
/// tool) forces a full GC and walks the live heap over the runtime's diagnostics channel; /proc gives the resident size.
/// </summary>
public static partial class ProcessMemory
{
    public static async Task<MemoryReading> ReadAsync(int processId, string dumpPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(dumpPath)!);
        await RunToolAsync("collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", dumpPath);
        var rss = ResidentBytes(processId);
        var report = await RunToolAsync("report", dumpPath);
        var match = HeapBytes().Match(report);
        if (!match.Success)
        {
            throw new InvalidOperationException($"dotnet-gcdump report printed no heap size:\n{report}");
        }
        return new MemoryReading(long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), rss, ByType(report));
    }

    /// <summary>
    /// The report's rows ("bytes count type [assembly]"); large arrays are listed per size class ("(Bytes > 10K)"),
    /// folded here into their type.
    /// </summary>
    private static Dictionary<string, long> ByType(string report)
    {
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match row in TypeRow().Matches(report))
        {
            var bytes = long.Parse(row.Groups["bytes"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var count = long.Parse(row.Groups["count"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var type = SizeClass().Replace(row.Groups["type"].Value, "");
            byType[type] = byType.GetValueOrDefault(type) + bytes * count;
        }
        return byType;
    }

    /// <summary>VmRSS from /proc/{pid}/status (Linux).</summary>
    public static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task<string> RunToolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", .. arguments])
        {
            WorkingDirectory = BuildPaths.Of("RepositoryRoot"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet-gcdump {arguments[0]} failed ({process.ExitCode}); run `dotnet tool restore` in the repository first.\n{await output}\n{await error}");
        }
        return await output;
    }

    [GeneratedRegex(@"([\d,]+)\s+GC Heap bytes")]
    private static partial Regex HeapBytes();

    [GeneratedRegex(@"^\s*(?<bytes>[\d,]+)\s+(?<count>[\d,]+)\s+(?<type>.+?)\s+\[[^\]]*\]\s*$", RegexOptions.Multiline)]
    private static partial Regex TypeRow();

    [GeneratedRegex(@" \(Bytes > \d+K\)")]
    private static partial Regex SizeClass();
}
