namespace Dashboard.Benchmarks;

/// <summary>Options of the `bench` mode: `--name value` pairs, all optional.</summary>
public sealed record BenchSettings(
    int Endpoints = 20,
    int Days = 30,
    int Iterations = 200,
    int Warmup = 20,
    int IngestSeries = 200,
    int IngestDays = 3,
    int Polls = 60,
    int Rounds = 3)
{
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--endpoints" => settings with { Endpoints = value },
                "--days" => settings with { Days = value },
                "--iterations" => settings with { Iterations = value },
                "--warmup" => settings with { Warmup = value },
                "--ingest-series" => settings with { IngestSeries = value },
                "--ingest-days" => settings with { IngestDays = value },
                "--polls" => settings with { Polls = value },
                "--rounds" => settings with { Rounds = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return settings;
    }
}
