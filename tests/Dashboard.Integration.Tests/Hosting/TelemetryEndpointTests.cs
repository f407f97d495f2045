using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Tests.Shared;

namespace Dashboard.Integration.Tests.Hosting;

/// <summary>The Telemetry section end to end: the Prometheus scrape after the simulator's polls, and JSON console logs.</summary>
public sealed partial class TelemetryEndpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-telemetry-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_PrometheusOn_ScrapedAnonymouslyWithPointsIngestedAndAwsCallsPerOperation()
    {
        await using var app = await InProcessDashboard.StartAsync(new Dictionary<string, string?>
        {
            ["Collectors:BackfillDays"] = "1",
            ["Telemetry:Prometheus"] = "true",
        }, cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = app.Address };

        var scrape = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        // Until the first CloudWatch round has ended (its points are counted as each page is stored, before that).
        while (Sample(scrape, "dashboard_poll_duration_seconds_count", ("source", "CloudWatch")) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, Ct);
            using var response = await client.GetAsync("/metrics", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            scrape = await response.Content.ReadAsStringAsync(Ct);
        }

        Assert.True(Sample(scrape, "dashboard_points_ingested_total") > 0, scrape);
        Assert.True(Sample(scrape, "dashboard_aws_calls_total", ("aws_service", "CloudWatch"), ("aws_operation", "GetMetricData")) > 0, scrape);
        Assert.True(Sample(scrape, "dashboard_aws_calls_total", ("aws_service", "SageMaker"), ("aws_operation", "ListEndpoints")) > 0, scrape);
        Assert.True(Sample(scrape, "dashboard_poll_duration_seconds_count", ("source", "CloudWatch"), ("outcome", "success")) > 0, scrape);
        Assert.Contains("# TYPE dashboard_webhook_deliveries_due gauge", scrape);
    }

    [Fact]
    public async Task Metrics_PrometheusOff_NotServed()
    {
        await using var app = await InProcessDashboard.StartAsync(new Dictionary<string, string?> { ["Collectors:BackfillDays"] = "1" },
            cancellationToken: Ct);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };

        using var response = await client.GetAsync("/metrics", Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("dashboard_", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Logs_JsonConsoleLogsOn_EveryLineIsOneJsonObject()
    {
        await using var app = DashboardProcess.Start(["--Dashboard:DatabasePath", Path.Combine(_folder, "dashboard.db")],
            new Dictionary<string, string> { ["Telemetry__JsonConsoleLogs"] = "true" });

        await app.WaitForOutputAsync(ListeningInJson(), TimeSpan.FromSeconds(60), Ct);

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length >= 3, app.Output);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.All(entries, entry => Assert.Equal(JsonValueKind.String, entry.GetProperty("LogLevel").ValueKind));
        Assert.Contains(entries, entry => entry.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime"
            && entry.GetProperty("Message").GetString()!.StartsWith("Now listening on: http://127.0.0.1:", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The value of the sample of <paramref name="metric"/> with these labels (others may be present); null when absent.</summary>
    private static double? Sample(string scrape, string metric, params (string Name, string Value)[] labels)
    {
        foreach (Match match in SampleLine().Matches(scrape))
        {
            if (match.Groups["name"].Value == metric && labels.All(l => match.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[-+.\deE]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"""Message"":""Now listening on: http://127\.0\.0\.1:\d+""")]
    private static partial Regex ListeningInJson();
}
