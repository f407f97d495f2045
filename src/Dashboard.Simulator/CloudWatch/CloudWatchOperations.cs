using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.CloudWatch.Alarms;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.CloudWatch;

/// <summary>ListMetrics and GetMetricData over the simulated fleet's metrics; the alarm operations are in Alarms/.</summary>
public sealed class CloudWatchOperations(FleetScenario scenario, IOptions<SimulatorOptions> options, TimeProvider timeProvider)
    : IAwsOperations
{
    private readonly AlarmOperations _alarms = Attach(new(options.Value.Region, options.Value.AccountId, timeProvider, scenario), scenario);

    /// <summary>Deployments roll back on the simulated alarms' states, so they read them from here.</summary>
    private static AlarmOperations Attach(AlarmOperations alarms, FleetScenario scenario)
    {
        scenario.DeploymentContext.Alarms = alarms;
        return alarms;
    }

    public void Register(AwsDispatcher dispatcher)
    {
        _alarms.Register(dispatcher);
        dispatcher.Add<ListMetricsRequest, ListMetricsResponse>(AwsService.CloudWatch, "ListMetrics", ListMetrics);
        dispatcher.Add<GetMetricDataRequest, GetMetricDataResponse>(AwsService.CloudWatch, "GetMetricData", GetMetricData);
    }

    public ListMetricsResponse ListMetrics(ListMetricsRequest request)
    {
        var filters = request.Dimensions ?? [];
        if (filters.Count > 10)
        {
            throw CloudWatchErrors.InvalidParameterValue("The collection Dimensions must not have a size greater than 10.");
        }
        if (filters.Any(f => string.IsNullOrEmpty(f.Name)))
        {
            throw CloudWatchErrors.MissingParameter("Dimensions.member.N.Name");
        }
        if (request.RecentlyActive is { } recent && recent != "PT3H")
        {
            throw CloudWatchErrors.InvalidParameterValue($"The value {recent} for parameter RecentlyActive is not valid. Valid value: PT3H.");
        }

        var fingerprint = PageToken.Fingerprint(request.Namespace, request.MetricName, filters, request.RecentlyActive);
        var offset = 0;
        if (request.NextToken is { } token)
        {
            if (!PageToken.TryDecode<ListCursor>(token, out var cursor) || cursor!.F != fingerprint || cursor.O < 0)
            {
                throw CloudWatchErrors.InvalidNextToken();
            }
            offset = cursor.O;
        }

        var now = timeProvider.GetUtcNow();
        // Deployments shaping the fleet's traffic depend on the alarm states up to now.
        _alarms.CatchUp(now);
        var matching = scenario.Series
            .Where(s => s.CreationTime <= now)
            .Where(s => request.Namespace is null || s.Namespace == request.Namespace)
            .Where(s => request.MetricName is null || s.MetricName == request.MetricName)
            .Where(s => filters.All(f => s.Dimensions.Any(d => d.Name == f.Name && (f.Value is null || d.Value == f.Value))))
            .ToList();
        var pageSize = options.Value.ListMetricsPageSize;
        var page = matching.Skip(offset).Take(pageSize).Select(s => s.ToMetric()).ToList();
        var next = offset + page.Count < matching.Count ? PageToken.Encode(new ListCursor(fingerprint, offset + page.Count)) : null;
        return new ListMetricsResponse(page, next);
    }

    public GetMetricDataResponse GetMetricData(GetMetricDataRequest request)
    {
        var queries = GetMetricDataValidator.Validate(request);
        _alarms.CatchUp();
        return new MetricDataPager(scenario, request, queries, timeProvider.GetUtcNow()).NextPage();
    }

    private sealed record ListCursor(string F, int O);
}
