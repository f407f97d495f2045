using System.Net;
using System.Text.Json;
using Dashboard.Simulator.Scenario;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.Wire;

public sealed class CloudWatchWireTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly long Now = TestClock.Now.ToUnixTimeSeconds();

    private SimulatorHost Host => fixture.Host;

    private FleetScenario Scenario => Host.App.Services.GetRequiredService<FleetScenario>();

    internal static object Query(string id, string metric, string endpoint, string? variant = "AllTraffic", int period = 60,
        string stat = "Average", string ns = "AWS/SageMaker", bool? returnData = null) => new
        {
            Id = id,
            ReturnData = returnData,
            MetricStat = new
            {
                Metric = new
                {
                    Namespace = ns,
                    MetricName = metric,
                    Dimensions = variant is null
                    ? new[] { new { Name = "EndpointName", Value = endpoint } }
                    : new[] { new { Name = "EndpointName", Value = endpoint }, new { Name = "VariantName", Value = variant } },
                },
                Period = period,
                Stat = stat,
            },
        };

    private static List<long> Timestamps(JsonElement result) =>
        result.GetProperty("Timestamps").EnumerateArray().Select(t => t.GetInt64()).ToList();

    private static List<double> Values(JsonElement result) =>
        result.GetProperty("Values").EnumerateArray().Select(v => v.GetDouble()).ToList();

    [Fact]
    public async Task ListMetrics_PagedAcrossTokens_EverySeriesOnce()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Host.CloudWatchAsync("ListMetrics", token is null ? new { } : new { NextToken = token });
            var metrics = page.GetProperty("Metrics").EnumerateArray().ToList();
            Assert.True(metrics.Count <= 40);
            seen.AddRange(metrics.Select(m => m.GetRawText()));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        // The scheduled CI/CD deployment's EndpointConfigName series are listed once it starts.
        var existing = Scenario.Series.Count(s => s.CreationTime <= TestClock.Now);
        Assert.Equal(existing, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal((existing + 39) / 40, pages);
    }

    [Fact]
    public async Task ListMetrics_NamespaceAndMetricName_ExactMatch()
    {
        var page = await Host.CloudWatchAsync("ListMetrics", new { Namespace = "/aws/sagemaker/Endpoints", MetricName = "GPUUtilization" });
        var endpoints = page.GetProperty("Metrics").EnumerateArray()
            .Select(m => m.GetProperty("Dimensions").EnumerateArray().Single(d => d.GetProperty("Name").GetString() == "EndpointName").GetProperty("Value").GetString())
            .Order().ToList();

        Assert.Equal(["llm-summarizer", "recsys-ranker", "search-embeddings"], endpoints);
    }

    [Fact]
    public async Task ListMetrics_DimensionNameWithoutValue_FindsDriftMetrics()
    {
        var page = await Host.CloudWatchAsync("ListMetrics", new { Dimensions = new[] { new { Name = "MonitoringSchedule" } } });
        var metrics = page.GetProperty("Metrics").EnumerateArray().ToList();

        Assert.Equal(Scenario.Series.Count(s => s.Kind == MetricKind.Drift), metrics.Count);
        Assert.All(metrics, m => Assert.Equal("aws/sagemaker/Endpoints/data-metrics", m.GetProperty("Namespace").GetString()));
        Assert.All(metrics, m => Assert.StartsWith("feature_baseline_drift_", m.GetProperty("MetricName").GetString()));
    }

    [Fact]
    public async Task ListMetrics_DimensionWithValue_OnlyThatEndpoint()
    {
        var page = await Host.CloudWatchAsync("ListMetrics", new
        {
            Namespace = "AWS/SageMaker",
            Dimensions = new[] { new { Name = "EndpointName", Value = "pricing-ab" }, new { Name = "VariantName", Value = "VariantB" } },
        });

        Assert.Equal(6, page.GetProperty("Metrics").GetArrayLength());
    }

    [Fact]
    public async Task GetMetricData_DefaultScan_NewestFirstAndOnlyCompletedPeriods()
    {
        var reply = await Host.CloudWatchAsync("GetMetricData", new
        {
            MetricDataQueries = new[] { Query("inv", "Invocations", "churn-prod", stat: "Sum", period: 300) },
            StartTime = Now - 3 * 3600,
            EndTime = Now + 3600,
        });
        var result = reply.GetProperty("MetricDataResults")[0];
        var timestamps = Timestamps(result);

        Assert.Equal("Complete", result.GetProperty("StatusCode").GetString());
        Assert.Equal("Invocations", result.GetProperty("Label").GetString());
        Assert.Equal(timestamps.OrderDescending(), timestamps);
        Assert.True(timestamps[0] + 300 <= Now);
        Assert.Equal(36, timestamps.Count);
        Assert.False(reply.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task GetMetricData_ScanByAscending_OldestFirstAndMatchesScenario()
    {
        var start = TestClock.Anchor.AddHours(-2);
        var reply = await Host.CloudWatchAsync("GetMetricData", new
        {
            MetricDataQueries = new[] { Query("lat", "ModelLatency", "churn-prod", stat: "p99", period: 300) },
            StartTime = start.ToUnixTimeSeconds(),
            EndTime = TestClock.Anchor.ToUnixTimeSeconds(),
            ScanBy = "TimestampAscending",
        });
        var result = reply.GetProperty("MetricDataResults")[0];
        var timestamps = Timestamps(result);
        var values = Values(result);

        Assert.Equal(24, timestamps.Count);
        Assert.Equal(timestamps.Order(), timestamps);
        for (var i = 0; i < timestamps.Count; i++)
        {
            Assert.Equal(Scenario.GetValue("churn-prod", "AllTraffic", "ModelLatency", "p99", 300, DateTimeOffset.FromUnixTimeSeconds(timestamps[i])), values[i]);
        }
    }

    [Fact]
    public async Task GetMetricData_MaxDatapoints_PagesReturnEveryPointExactlyOnce()
    {
        var queries = new[]
        {
            Query("a", "Invocations", "fraud-detector", stat: "Sum"),
            Query("b", "ModelLatency", "fraud-detector", stat: "p90"),
            Query("c", "CPUUtilization", "recsys-ranker", ns: "/aws/sagemaker/Endpoints"),
        };
        // A host of its own: this test moves the clock.
        await using var host = await SimulatorHost.StartAsync();
        var start = Now - 6 * 3600;
        var whole = await host.CloudWatchAsync("GetMetricData", new { MetricDataQueries = queries, StartTime = start, EndTime = Now });
        var expected = whole.GetProperty("MetricDataResults").EnumerateArray()
            .SelectMany(r => Timestamps(r).Zip(Values(r), (t, v) => (r.GetProperty("Id").GetString(), t, v))).ToList();

        var collected = new List<(string?, long, double)>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.CloudWatchAsync("GetMetricData", token is null
                ? new { MetricDataQueries = queries, StartTime = start, EndTime = Now, MaxDatapoints = 250, NextToken = (string?)null }
                : new { MetricDataQueries = queries, StartTime = start, EndTime = Now, MaxDatapoints = 250, NextToken = (string?)token });
            var results = page.GetProperty("MetricDataResults").EnumerateArray().ToList();
            Assert.Equal(3, results.Count);
            Assert.True(results.Sum(r => r.GetProperty("Timestamps").GetArrayLength()) <= 250);
            collected.AddRange(results.SelectMany(r => Timestamps(r).Zip(Values(r), (t, v) => (r.GetProperty("Id").GetString(), t, v))));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            if (token is not null)
            {
                Assert.Contains(results, r => r.GetProperty("StatusCode").GetString() == "PartialData");
            }
            pages++;
            // Time moving on between pages must not shift or duplicate points.
            host.Time.Advance(TimeSpan.FromSeconds(20));
        }
        while (token is not null);

        Assert.Equal(3 * 360, expected.Count);
        Assert.Equal(5, pages);
        Assert.Equal(expected, collected);
    }

    [Fact]
    public async Task GetMetricData_OnlyEndpointNameDimension_EmptyComplete()
    {
        var reply = await Host.CloudWatchAsync("GetMetricData", new
        {
            MetricDataQueries = new[]
            {
                Query("partial", "Invocations", "churn-prod", variant: null, stat: "Sum"),
                Query("unknown", "NoSuchMetric", "churn-prod"),
                Query("gpu", "GPUUtilization", "churn-prod", ns: "/aws/sagemaker/Endpoints"),
            },
            StartTime = Now - 3600,
            EndTime = Now,
        });

        Assert.All(reply.GetProperty("MetricDataResults").EnumerateArray(), r =>
        {
            Assert.Equal(0, r.GetProperty("Values").GetArrayLength());
            Assert.Equal("Complete", r.GetProperty("StatusCode").GetString());
        });
    }

    [Fact]
    public async Task GetMetricData_OlderThanRetention_MinuteDataStopsAtFifteenDays()
    {
        var start = Now - 20L * 86_400;
        var reply = await Host.CloudWatchAsync("GetMetricData", new
        {
            MetricDataQueries = new[] { Query("cpu", "CPUUtilization", "support-intent", ns: "/aws/sagemaker/Endpoints") },
            StartTime = start,
            EndTime = start + 6 * 86_400,
            ScanBy = "TimestampAscending",
        });
        var timestamps = Timestamps(reply.GetProperty("MetricDataResults")[0]);

        Assert.NotEmpty(timestamps);
        Assert.True(timestamps[0] >= Now - 15L * 86_400);
    }

    [Fact]
    public async Task GetMetricData_ReturnDataFalse_OmittedFromResults()
    {
        var reply = await Host.CloudWatchAsync("GetMetricData", new
        {
            MetricDataQueries = new[]
            {
                Query("hidden", "Invocations", "churn-prod", returnData: false),
                Query("shown", "Invocations", "churn-prod", stat: "Sum"),
            },
            StartTime = Now - 600,
            EndTime = Now,
        });

        Assert.Equal(["shown"], reply.GetProperty("MetricDataResults").EnumerateArray().Select(r => r.GetProperty("Id").GetString()));
    }

    [Fact]
    public async Task GetMetricData_DriftHourly_Published()
    {
        var reply = await Host.CloudWatchAsync("GetMetricData", new
        {
            MetricDataQueries = new[]
            {
                new
                {
                    Id = "drift",
                    MetricStat = new
                    {
                        Metric = new
                        {
                            Namespace = "aws/sagemaker/Endpoints/data-metrics",
                            MetricName = "feature_baseline_drift_debt_to_income",
                            Dimensions = new[]
                            {
                                new { Name = "Endpoint", Value = "credit-risk" },
                                new { Name = "MonitoringSchedule", Value = "credit-risk-data-quality" },
                            },
                        },
                        Period = 3600,
                        Stat = "Maximum",
                    },
                },
            },
            StartTime = TestClock.Anchor.AddDays(-1).ToUnixTimeSeconds(),
            EndTime = TestClock.Anchor.ToUnixTimeSeconds(),
        });
        var values = Values(reply.GetProperty("MetricDataResults")[0]);

        Assert.Equal(24, values.Count);
        Assert.True(values[0] > 0.1);
    }
}
