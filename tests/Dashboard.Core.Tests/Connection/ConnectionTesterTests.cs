using Dashboard.Core.Collectors;
using Dashboard.Core.Connection;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Tests.Collectors;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Connection;

public sealed class ConnectionTesterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeCloudWatchClient _cloudWatch = new();
    private readonly FakeSageMakerClient _sageMaker = new();
    private readonly FakeIdentity _identity = new();
    private readonly LiveStore _live;
    private readonly MetricCollector _metrics;
    private readonly ConnectionTester _tester;

    public ConnectionTesterTests()
    {
        _live = new LiveStore(_time);
        var options = Options.Create(new CollectorOptions { BackfillDays = 1, MetricInterval = TimeSpan.FromMinutes(1), VitalMetricInterval = TimeSpan.FromMinutes(5), SlowMetricInterval = TimeSpan.FromMinutes(5) });
        _metrics = new MetricCollector(_cloudWatch, new RecordingMetricWriter(), new FakeCoverageQueries(null), _live, options, _time,
            NullLogger<MetricCollector>.Instance);
        _tester = new ConnectionTester(_sageMaker, _cloudWatch, _identity, _metrics, _live, options);
    }

    [Fact]
    public async Task TestAsync_BothServicesAnswer_SaysWhatEachHas()
    {
        _sageMaker.Endpoints.Add(new DescribeEndpointResponse("churn", "arn:churn", "churn-config", [], EndpointStatuses.InService, Now, Now));
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "churn"));
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.ModelLatency, "churn"));

        var checks = await _tester.TestAsync(Ct);

        Assert.Equal(
        [
            new ServiceCheck("SageMaker", true, "reachable, 1 endpoint(s) on the first page"),
            new ServiceCheck("CloudWatch", true, "reachable, 2 SageMaker metric(s) on the first page"),
        ], checks);
    }

    [Fact]
    public async Task TestAsync_OneServiceRefuses_ReportsItInWordsAndStillAsksTheOther()
    {
        _sageMaker.Failure = new AwsServiceException("sagemaker", "AccessDeniedException", "not allowed", 400, "r-1");

        var checks = await _tester.TestAsync(Ct);

        Assert.False(checks[0].Ok);
        Assert.StartsWith("Access denied: the identity is not allowed sagemaker:ListEndpoints.", checks[0].Result);
        Assert.True(checks[1].Ok);
        Assert.Single(_cloudWatch.ListRequests);
    }

    [Fact]
    public async Task WhoAmIAsync_NoCredentials_SaysWhatToSet()
    {
        _identity.Failure = new AwsServiceException("sts", "CredentialsUnavailable", "none", 0, null);

        var check = await _tester.WhoAmIAsync(Ct);

        Assert.Null(check.Identity);
        Assert.StartsWith("No AWS credentials were found.", check.Text);
    }

    [Fact]
    public async Task WhoAmIAsync_Answered_NamesTheAccountAndPrincipal()
    {
        var check = await _tester.WhoAmIAsync(Ct);

        Assert.Equal("account 123456789012, arn:aws:iam::123456789012:user/ops", check.Text);
    }

    [Fact]
    public async Task ProjectCost_DeployingEndpoint_PolledEveryMinuteOthersAtTheirCadence()
    {
        _live.PublishFleet([Endpoint("quiet"), Endpoint("deploying", EndpointStatuses.Updating)]);
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "quiet"));
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "deploying"));
        await _metrics.RunOnceAsync(Ct);

        var cost = _tester.ProjectCost();

        Assert.Equal((2, 1, 1), (cost.MinuteSeries, cost.UrgentSeries, cost.VitalSeries));
        Assert.Equal(43_200 + 8_640, cost.MetricsPerMonth);
    }

    private sealed class FakeIdentity : ICallerIdentityClient
    {
        public Exception? Failure { get; set; }

        public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
            Failure is null
                ? Task.FromResult(new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/ops", "AIDA1"))
                : Task.FromException<CallerIdentity>(Failure);
    }
}
