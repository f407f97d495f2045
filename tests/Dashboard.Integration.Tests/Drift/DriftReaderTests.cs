using Dashboard.Core.Drift;
using Dashboard.Core.S3;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Drift;

/// <summary>The drift reader against the simulator's bucket over real HTTP: every capture file read once, across restarts.</summary>
public sealed class DriftReaderTests
{
    private const string Endpoint = "credit-risk";

    [Fact]
    public async Task Reader_ReadsEachCaptureFileOnce_AcrossARestart_AndWritesDriftSeries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);

        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var source = host.Services.GetRequiredService<DriftReadBoard>().SourceOf(Endpoint)!;
        var listed = await CaptureKeysAsync(host, source.Capture!, ct);
        var firstRead = await ReadKeysAsync(host, ct);
        var hours = await host.Services.GetRequiredService<IDriftStore>().ReadCaptureHoursAsync(Endpoint, 0, long.MaxValue, ct);
        // Hours whose files had all landed by the first read (a file lands minutes after its last record).
        var complete = hours.Where(h => h.Hour + 3600 + 15 * 60 < host.Time.GetUtcNow().ToUnixTimeSeconds()).ToList();

        Assert.NotEmpty(firstRead);
        Assert.Equal(listed.Where(k => firstRead.Contains(k)).Order(), firstRead.Order());
        Assert.Equal(await ScalarAsync(host, $"SELECT sum(Records) FROM DriftFiles WHERE Endpoint = '{Endpoint}' AND Kind = 0"), hours.Sum(h => h.Records));

        // An hour later, after a restart: the new hour's files only; the hours read before keep their counts.
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.RestartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var secondRead = await ReadKeysAsync(host, ct);
        var again = await host.Services.GetRequiredService<IDriftStore>().ReadCaptureHoursAsync(Endpoint, 0, long.MaxValue, ct);

        Assert.True(secondRead.Count > firstRead.Count, "the new hour's files were read");
        Assert.Equal(secondRead.Count, secondRead.Distinct().Count());
        Assert.NotEmpty(complete);
        Assert.Equal(complete.Select(h => (h.Variant, h.Hour, h.Records)), again.Where(h => complete.Any(o => o.Hour == h.Hour && o.Variant == h.Variant))
            .Select(h => (h.Variant, h.Hour, h.Records)));
        var series = await host.Queries.ListSeriesAsync(Endpoint, ct);
        Assert.Contains(series, k => k.Namespace == DriftSeries.DriftNamespace);
    }

    [Fact]
    public async Task Overview_AfterAReadRound_MeasuresAgainstModelMonitorOrTheFirstDay_AndSeesTheBrokenFeature()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var queries = host.Services.GetRequiredService<DriftQueries>();

        var drifting = await queries.LoadAsync(Endpoint, ct);
        var unmonitored = await queries.LoadAsync("pricing-ab", ct);

        Assert.Equal(DriftBaselineKind.ModelMonitor, drifting.Baseline!.Baseline.Kind);
        Assert.True(drifting.RecordsLastDay > 0);
        Assert.Null(drifting.Status!.Error);
        var channel = drifting.Features.Single(f => f.Feature == "channel");
        Assert.True(channel.OutOfDomain > 0, "partner_api is a category the baseline never saw");
        Assert.True(channel.MissingShare > 0, "channel went missing in the last hours");
        Assert.NotEmpty(drifting.Monitors);
        Assert.Equal(DriftBaselineKind.FirstDay, unmonitored.Baseline!.Baseline.Kind);
        Assert.Contains(unmonitored.Features, f => f.IsOutput);
    }

    private static async Task<List<string>> CaptureKeysAsync(DashboardHost host, S3Uri capture, CancellationToken ct)
    {
        var s3 = host.Services.GetRequiredService<IS3ObjectClient>();
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsAsync(new S3ListRequest(capture.Bucket, capture.Prefix + Endpoint + "/", token), ct);
            keys.AddRange(page.Objects.Select(o => o.Key));
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    private static async Task<List<string>> ReadKeysAsync(DashboardHost host, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Key FROM DriftFiles WHERE Endpoint = '{Endpoint}' AND Kind = 0";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    private static async Task<long> ScalarAsync(DashboardHost host, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
