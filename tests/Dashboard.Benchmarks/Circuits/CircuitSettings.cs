using System.Globalization;

namespace Dashboard.Benchmarks.Circuits;

/// <summary>Options of the `circuits` mode: `--name value` pairs, all optional.</summary>
/// <param name="Sessions">Browser sessions (one signed-in browser context and one Blazor circuit each) per page kind.</param>
/// <param name="IdleSeconds">How long the sessions stay open, idle, before the second measurement.</param>
/// <param name="LingerSeconds">How long after closing the last measurement waits (past the circuit retention period).</param>
/// <param name="Pages">Which pages the sessions open, one phase each: fleet, endpoint.</param>
/// <param name="DumpDirectory">Where to keep the heap dumps (one per measurement) for a type-by-type diff; none when null.</param>
/// <param name="BackfillDays">History the app fetches before the measurement starts (the app's default is 14).</param>
/// <param name="AppEnvironment">Extra environment variables for the app (`--app-env NAME=VALUE`, repeatable), e.g. GC settings to compare.</param>
public sealed record CircuitSettings(
    int Sessions = 30,
    int IdleSeconds = 60,
    int LingerSeconds = 200,
    IReadOnlyList<string>? Pages = null,
    string? DumpDirectory = null,
    int BackfillDays = 14,
    IReadOnlyDictionary<string, string>? AppEnvironment = null)
{
    public IReadOnlyList<string> PageKinds => Pages ?? ["fleet", "endpoint"];

    public static CircuitSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new CircuitSettings();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--sessions" => settings with { Sessions = Number(value) },
                "--idle" => settings with { IdleSeconds = Number(value) },
                "--linger" => settings with { LingerSeconds = Number(value) },
                "--pages" => settings with { Pages = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--dumps" => settings with { DumpDirectory = Path.GetFullPath(value) },
                "--backfill-days" => settings with { BackfillDays = Number(value) },
                "--app-env" when value.Split('=', 2) is [{ Length: > 0 } name, var setting] =>
                    settings with { AppEnvironment = new Dictionary<string, string>(settings.AppEnvironment ?? new Dictionary<string, string>()) { [name] = setting } },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        if (settings.PageKinds.Any(p => p is not ("fleet" or "endpoint")))
        {
            throw new ArgumentException("--pages takes fleet, endpoint or both (comma-separated).");
        }
        return settings;
    }

    private static int Number(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
