using System.Net;
using System.Text.Json;
using Dashboard.Tests.Shared;

namespace Dashboard.Integration.Tests.Hosting;

/// <summary>
/// The probes over HTTP without signing in: live answers whatever the dependencies do; ready says 503 and which check
/// failed when the database file is gone or the collectors have not polled for three intervals, and recovers.
/// </summary>
public sealed class ProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_SimulatedFleetPolled_200WithEveryCheckHealthy()
    {
        await using var app = await InProcessDashboard.StartAsync(new Dictionary<string, string?> { ["Collectors:BackfillDays"] = "1" },
            cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = app.Address };

        var ready = await WaitForAsync(client, body => body.Contains("CloudWatch: polled", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("application/json", ready.ContentType);
        Assert.Equal("Healthy", ready.Json.GetProperty("status").GetString());
        Assert.Equal(["database", "collectors", "lease"], ready.Checks.Select(c => c.Name));
        Assert.All(ready.Checks, check => Assert.Equal("Healthy", check.Status));
        Assert.Equal("The Sqlite database answers.", ready.Check("database").Description);
        Assert.StartsWith("This replica (", ready.Check("lease").Description);
    }

    [Fact]
    public async Task Ready_DatabaseFolderGone_503NamingTheDatabaseWhileLiveAnswers_ThenRecovers()
    {
        await using var app = await InProcessDashboard.StartAsync(new Dictionary<string, string?> { ["Collectors:BackfillDays"] = "1" },
            cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = app.Address };
        Assert.Equal(HttpStatusCode.OK, (await GetReadyAsync(client)).Status);
        var moved = app.DataFolder + "-moved";

        Directory.Move(app.DataFolder, moved);
        Probe gone;
        try
        {
            gone = await GetReadyAsync(client);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        }
        finally
        {
            Directory.Move(moved, app.DataFolder);
        }
        var back = await GetReadyAsync(client);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (gone.Status, gone.Json.GetProperty("status").GetString()));
        Assert.Equal(("Unhealthy", "The Sqlite database cannot be reached."), (gone.Check("database").Status, gone.Check("database").Description));
        Assert.DoesNotContain(app.DataFolder, gone.Body);
        Assert.Equal("Healthy", back.Check("database").Status);
    }

    [Fact]
    public async Task Ready_LiveModeAwsUnreachable_503CollectorsStaleWithoutCredentialsOrErrorTexts()
    {
        await using var app = await InProcessDashboard.StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:Mode"] = "Live",
            ["Aws:AccessKeyId"] = "AKIDPROBETEST",
            ["Aws:SecretAccessKey"] = "probe-test-secret",
            ["Aws:CloudWatchServiceUrl"] = "http://127.0.0.1:9",
            ["Aws:SageMakerServiceUrl"] = "http://127.0.0.1:9",
            ["Aws:StsServiceUrl"] = "http://127.0.0.1:9",
            ["Aws:S3ServiceUrl"] = "http://127.0.0.1:9",
            ["Collectors:FleetInterval"] = "00:00:01",
            ["Collectors:MetricInterval"] = "00:00:01",
        }, cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = app.Address };

        // Three 1-second intervals without a successful poll.
        var stale = await WaitForAsync(client, body => body.Contains("stale", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.Status);
        Assert.Equal(("Healthy", "Unhealthy", "Healthy"), (stale.Check("database").Status, stale.Check("collectors").Status, stale.Check("lease").Status));
        Assert.Contains("SageMaker: stale, no successful poll in", stale.Check("collectors").Description);
        Assert.DoesNotContain("AKIDPROBETEST", stale.Body);
        Assert.DoesNotContain("probe-test-secret", stale.Body);
        Assert.DoesNotContain("127.0.0.1", stale.Body);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live", Ct)).StatusCode);
    }

    private static async Task<Probe> WaitForAsync(HttpClient client, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var probe = await GetReadyAsync(client);
            if (condition(probe.Body) || DateTime.UtcNow > deadline)
            {
                return probe;
            }
            await Task.Delay(250, Ct);
        }
    }

    private static async Task<Probe> GetReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz/ready", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return new Probe(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, JsonDocument.Parse(body).RootElement.Clone());
    }

    private sealed record Check(string Name, string Status, string Description);

    private sealed record Probe(HttpStatusCode Status, string? ContentType, string Body, JsonElement Json)
    {
        public IReadOnlyList<Check> Checks => Json.GetProperty("checks").EnumerateArray()
            .Select(c => new Check(c.GetProperty("name").GetString()!, c.GetProperty("status").GetString()!, c.GetProperty("description").GetString()!))
            .ToList();

        public Check Check(string name) => Checks.Single(c => c.Name == name);
    }
}
