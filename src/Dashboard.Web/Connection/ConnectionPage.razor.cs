using Dashboard.Aws;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Connection;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Connection;

public partial class ConnectionPage
{
    private readonly List<(string Name, bool Ok, string Result)> _checks = [];
    private bool _testing;
    private CostProjection _cost = default!;
    private CallerIdentity? _identity;
    private string? _identityProblem;

    [Inject] private IOptions<AwsOptions> Aws { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Dashboard { get; set; } = default!;
    [Inject] private IOptions<CollectorOptions> Collectors { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private AwsCallStats Stats { get; set; } = default!;
    [Inject] private MetricCollector MetricCollector { get; set; } = default!;
    [Inject] private ISageMakerClient SageMaker { get; set; } = default!;
    [Inject] private ICloudWatchClient CloudWatch { get; set; } = default!;
    [Inject] private ICallerIdentityClient Identity { get; set; } = default!;

    private string ModeText => Dashboard.Value.Mode == DashboardMode.Simulated
        ? "Simulated fleet (built in, no AWS account)"
        : "Live AWS account";

    protected override void OnInitialized()
    {
        var deploying = Live.Fleet.Where(e => MetricCollector.IsDeploying(e.Status)).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var collectors = Collectors.Value;
        _cost = CostProjection.For(MetricCollector.Series, deploying, Live.WatchedSeries, collectors.MetricInterval,
            collectors.QuietMetricInterval ?? collectors.MetricInterval);
    }

    private string IdentityText => _identity is { } id
        ? $"account {id.Account}, {id.Arn}"
        : _identityProblem ?? "asking STS…";

    /// <summary>Who the credentials are (sts:GetCallerIdentity needs no permission), asked once when the page opens.</summary>
    protected override async Task OnInitializedAsync()
    {
        try
        {
            _identity = await Identity.GetCallerIdentityAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _identityProblem = ConnectionProblem.Describe(ex, "sts:GetCallerIdentity");
        }
    }

    /// <summary>One cheap read from each service, with what is wrong said in plain words.</summary>
    private async Task TestAsync()
    {
        _testing = true;
        _checks.Clear();
        await Check("SageMaker", "sagemaker:ListEndpoints", () => SageMaker.ListEndpointsAsync(new ListEndpointsRequest(MaxResults: 1)),
            r => $"reachable, {r.Endpoints.Count} endpoint(s) on the first page");
        await Check("CloudWatch", "cloudwatch:ListMetrics",
            () => CloudWatch.ListMetricsAsync(new ListMetricsRequest(Namespace: SageMakerMetrics.InvocationNamespace)),
            r => $"reachable, {r.Metrics.Count} SageMaker metric(s) on the first page");
        _testing = false;
    }

    private async Task Check<T>(string name, string action, Func<Task<T>> call, Func<T, string> describe)
    {
        try
        {
            _checks.Add((name, true, describe(await call())));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _checks.Add((name, false, ConnectionProblem.Describe(ex, action)));
        }
    }

    private static string Format(TimeSpan interval) =>
        interval.TotalMinutes >= 1 ? $"{interval.TotalMinutes:0.#} min" : $"{interval.TotalSeconds:0} s";
}
