using System.Globalization;
using System.Text.Json;
using Dashboard.Simulator.Faults;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// The official AWS SDK for JavaScript v3 (tests/aws-sdk-peer) calls the in-process simulator: every answer must parse
/// into the SDK's modelled output, and every refusal must surface as the error class a real AWS service would give.
/// </summary>
public sealed class SdkParsesSimulatorTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static JsonElement Output(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"the SDK failed: {result}");
        return result.GetProperty("output");
    }

    private static JsonElement Error(JsonElement result)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), $"the SDK succeeded: {result}");
        return result.GetProperty("error");
    }

    /// <summary>call.mjs writes every Date the SDK produced as {"$date": ISO}; a string here would mean "not parsed".</summary>
    private static DateTimeOffset ParsedDate(JsonElement value)
    {
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        return DateTimeOffset.Parse(value.GetProperty("$date").GetString()!, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ListEndpoints_TwoPages_SdkParsesSummariesDatesAndNextToken()
    {
        var first = Output(await simulator.CallAsync("ListEndpoints", """{"MaxResults":4,"SortBy":"Name","SortOrder":"Ascending"}"""));
        var endpoints = first.GetProperty("Endpoints").EnumerateArray().ToList();
        Assert.Equal(4, endpoints.Count);
        Assert.Equal(200, first.GetProperty("$metadata").GetProperty("httpStatusCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("$metadata").GetProperty("requestId").GetString()));
        foreach (var endpoint in endpoints)
        {
            Assert.StartsWith("arn:aws:sagemaker:us-east-1:", endpoint.GetProperty("EndpointArn").GetString());
            Assert.True(ParsedDate(endpoint.GetProperty("CreationTime")) <= ParsedDate(endpoint.GetProperty("LastModifiedTime")));
            Assert.False(string.IsNullOrEmpty(endpoint.GetProperty("EndpointStatus").GetString()));
        }
        var token = first.GetProperty("NextToken").GetString()!;

        var second = Output(await simulator.CallAsync("ListEndpoints",
            JsonSerializer.Serialize(new { MaxResults = 4, SortBy = "Name", SortOrder = "Ascending", NextToken = token })));
        var names = endpoints.Concat(second.GetProperty("Endpoints").EnumerateArray())
            .Select(e => e.GetProperty("EndpointName").GetString()).ToList();
        Assert.Equal(8, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task DescribeEndpoint_ChurnProd_SdkParsesVariantsCaptureConfigAndFractionalDates()
    {
        var output = Output(await simulator.CallAsync("DescribeEndpoint", """{"EndpointName":"churn-prod"}"""));

        Assert.Equal("churn-prod", output.GetProperty("EndpointName").GetString());
        Assert.Equal("churn-prod-config-v7", output.GetProperty("EndpointConfigName").GetString());
        Assert.Equal("InService", output.GetProperty("EndpointStatus").GetString());
        var created = ParsedDate(output.GetProperty("CreationTime"));
        Assert.Equal(418, created.Millisecond);
        Assert.True(created < ParsedDate(output.GetProperty("LastModifiedTime")));
        var variant = Assert.Single(output.GetProperty("ProductionVariants").EnumerateArray());
        Assert.Equal("AllTraffic", variant.GetProperty("VariantName").GetString());
        Assert.Equal(1.0, variant.GetProperty("CurrentWeight").GetDouble());
        Assert.Equal(2, variant.GetProperty("CurrentInstanceCount").GetInt32());
        var capture = output.GetProperty("DataCaptureConfig");
        Assert.True(capture.GetProperty("EnableCapture").GetBoolean());
        Assert.Equal(20, capture.GetProperty("CurrentSamplingPercentage").GetInt32());
    }

    [Fact]
    public async Task DescribeEndpointConfig_ChurnProdConfig_SdkParsesVariantsAndCreationTime()
    {
        var output = Output(await simulator.CallAsync("DescribeEndpointConfig", """{"EndpointConfigName":"churn-prod-config-v7"}"""));

        Assert.Equal("churn-prod-config-v7", output.GetProperty("EndpointConfigName").GetString());
        Assert.EndsWith(":endpoint-config/churn-prod-config-v7", output.GetProperty("EndpointConfigArn").GetString());
        ParsedDate(output.GetProperty("CreationTime"));
        var variant = Assert.Single(output.GetProperty("ProductionVariants").EnumerateArray());
        Assert.Equal("ml.m5.xlarge", variant.GetProperty("InstanceType").GetString());
        Assert.Equal("churn-xgboost-2026-01", variant.GetProperty("ModelName").GetString());
        Assert.Equal(2, variant.GetProperty("InitialInstanceCount").GetInt32());
    }

    [Fact]
    public async Task ListMetrics_SmallPages_SdkFollowsNextTokenToDistinctMetrics()
    {
        var input = new Dictionary<string, object> { ["Namespace"] = "AWS/SageMaker", ["MetricName"] = "Invocations" };
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            if (token is not null)
            {
                input["NextToken"] = token;
            }
            var output = Output(await simulator.CallAsync("ListMetrics", JsonSerializer.Serialize(input)));
            var metrics = output.GetProperty("Metrics").EnumerateArray().ToList();
            Assert.InRange(metrics.Count, 1, SimulatorFixture.ListMetricsPageSize);
            foreach (var metric in metrics)
            {
                Assert.Equal("Invocations", metric.GetProperty("MetricName").GetString());
                var dimensions = metric.GetProperty("Dimensions").EnumerateArray()
                    .ToDictionary(d => d.GetProperty("Name").GetString()!, d => d.GetProperty("Value").GetString());
                seen.Add($"{dimensions["EndpointName"]}/{dimensions["VariantName"]}");
            }
            token = output.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Null(token);
        Assert.True(pages >= 2, $"expected more than one page of {SimulatorFixture.ListMetricsPageSize}, got {pages}");
        Assert.Contains("churn-prod/AllTraffic", seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task GetMetricData_TwoQueries_SdkParsesIdsDatesAndValues()
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-5);
        end = new DateTimeOffset(end.Year, end.Month, end.Day, end.Hour, end.Minute, 0, TimeSpan.Zero);
        var start = end.AddMinutes(-30);
        var input = JsonSerializer.Serialize(new
        {
            MetricDataQueries = new object[]
            {
                Query("invocations", "AWS/SageMaker", "Invocations", "Sum"),
                Query("cpu", "/aws/sagemaker/Endpoints", "CPUUtilization", "Average"),
            },
            StartTime = start.ToString("O", CultureInfo.InvariantCulture),
            EndTime = end.ToString("O", CultureInfo.InvariantCulture),
            ScanBy = "TimestampAscending",
        });

        var output = Output(await simulator.CallAsync("GetMetricData", input));

        var results = output.GetProperty("MetricDataResults").EnumerateArray().ToList();
        Assert.Equal(["invocations", "cpu"], results.Select(r => r.GetProperty("Id").GetString()));
        foreach (var result in results)
        {
            Assert.Equal("Complete", result.GetProperty("StatusCode").GetString());
            var timestamps = result.GetProperty("Timestamps").EnumerateArray().Select(ParsedDate).ToList();
            var values = result.GetProperty("Values").EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(30, timestamps.Count);
            Assert.Equal(timestamps.Count, values.Count);
            Assert.All(timestamps, t => Assert.InRange(t, start, end.AddTicks(-1)));
            Assert.Equal(timestamps.Order(), timestamps);
            Assert.All(values, v => Assert.True(v >= 0 && double.IsFinite(v)));
        }
        Assert.Contains(results[0].GetProperty("Values").EnumerateArray(), v => v.GetDouble() > 0);

        static object Query(string id, string ns, string metric, string stat) => new
        {
            Id = id,
            MetricStat = new
            {
                Metric = new
                {
                    Namespace = ns,
                    MetricName = metric,
                    Dimensions = new[] { new { Name = "EndpointName", Value = "churn-prod" }, new { Name = "VariantName", Value = "AllTraffic" } },
                },
                Period = 60,
                Stat = stat,
            },
        };
    }

    [Fact]
    public async Task DescribeEndpoint_UnknownEndpoint_SdkRaisesValidationException()
    {
        var error = Error(await simulator.CallAsync("DescribeEndpoint", """{"EndpointName":"no-such-endpoint"}"""));

        Assert.Equal("ValidationException", error.GetProperty("name").GetString());
        Assert.Equal(400, error.GetProperty("httpStatusCode").GetInt32());
        Assert.Contains("Could not find endpoint", error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task UpdateEndpointWeightsAndCapacities_UnknownVariant_SdkRaisesValidationException()
    {
        // An unknown variant changes nothing, so the shared simulator stays as other tests expect it.
        var error = Error(await simulator.CallAsync("UpdateEndpointWeightsAndCapacities",
            """{"EndpointName":"pricing-ab","DesiredWeightsAndCapacities":[{"VariantName":"VariantC","DesiredWeight":1}]}"""));

        Assert.Equal("ValidationException", error.GetProperty("name").GetString());
        Assert.Equal(400, error.GetProperty("httpStatusCode").GetInt32());
        Assert.Contains("[VariantC]", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task SageMaker_WrongSecret_SdkRaisesInvalidSignatureException()
    {
        var error = Error(await simulator.CallAsync("ListEndpoints", "{}", secretAccessKey: "not-the-secret"));

        Assert.Equal("InvalidSignatureException", error.GetProperty("name").GetString());
        Assert.Equal(403, error.GetProperty("httpStatusCode").GetInt32());
        Assert.Contains("signature we calculated does not match", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task CloudWatch_WrongSecret_SdkRaisesSignatureDoesNotMatchFromQueryErrorHeader()
    {
        var error = Error(await simulator.CallAsync("ListMetrics", """{"Namespace":"AWS/SageMaker"}""", secretAccessKey: "not-the-secret"));

        // awsQueryCompatible: the JS SDK names the error after x-amzn-query-error, not __type.
        Assert.Equal("SignatureDoesNotMatch", error.GetProperty("name").GetString());
        Assert.Equal(403, error.GetProperty("httpStatusCode").GetInt32());
        Assert.Contains("signature we calculated does not match", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Throttling_EveryRequest_SdkRaisesThrottlingOnBothServices()
    {
        var faults = simulator.App.Services.GetRequiredService<SimulatorFaults>();
        faults.Set(new FaultOptions { ThrottleRate = 1 });
        try
        {
            var sageMaker = Error(await simulator.CallAsync("ListEndpoints", "{}"));
            var cloudWatch = Error(await simulator.CallAsync("ListMetrics", """{"Namespace":"AWS/SageMaker"}"""));

            Assert.Equal("ThrottlingException", sageMaker.GetProperty("name").GetString());
            Assert.Equal("Throttling", cloudWatch.GetProperty("name").GetString());
            Assert.All(new[] { sageMaker, cloudWatch }, e =>
            {
                Assert.Equal(400, e.GetProperty("httpStatusCode").GetInt32());
                Assert.Equal("Rate exceeded", e.GetProperty("message").GetString());
            });
            Assert.Equal(2, faults.Injected.Throttled);
        }
        finally
        {
            faults.Clear();
        }
    }
}
