using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.SageMaker.Monitoring;

/// <summary>ListMonitoringSchedules, DescribeMonitoringSchedule and ListMonitoringExecutions over <see cref="MonitoringCatalog"/>, as of "now".</summary>
public sealed class MonitoringOperations(MonitoringCatalog catalog, MonitoringShapesBuilder shapes, TimeProvider timeProvider) : IAwsOperations
{
    private static readonly string[] ScheduleStatuses =
        [MonitoringScheduleStatuses.Pending, MonitoringScheduleStatuses.Failed, MonitoringScheduleStatuses.Scheduled, MonitoringScheduleStatuses.Stopped];

    private static readonly string[] ExecutionStatuses =
    [
        MonitoringExecutionStatuses.Pending, MonitoringExecutionStatuses.Completed, MonitoringExecutionStatuses.CompletedWithViolations,
        MonitoringExecutionStatuses.InProgress, MonitoringExecutionStatuses.Failed, MonitoringExecutionStatuses.Stopping,
        MonitoringExecutionStatuses.Stopped,
    ];

    private static readonly string[] Types =
        [MonitoringTypes.DataQuality, MonitoringTypes.ModelQuality, MonitoringTypes.ModelBias, MonitoringTypes.ModelExplainability];

    public void Register(AwsDispatcher dispatcher)
    {
        dispatcher.Add<ListMonitoringSchedulesRequest, ListMonitoringSchedulesResponse>(AwsService.SageMaker, "ListMonitoringSchedules",
            ListMonitoringSchedules);
        dispatcher.Add<DescribeMonitoringScheduleRequest, DescribeMonitoringScheduleResponse>(AwsService.SageMaker, "DescribeMonitoringSchedule",
            DescribeMonitoringSchedule);
        dispatcher.Add<ListMonitoringExecutionsRequest, ListMonitoringExecutionsResponse>(AwsService.SageMaker, "ListMonitoringExecutions",
            ListMonitoringExecutions);
    }

    public ListMonitoringSchedulesResponse ListMonitoringSchedules(ListMonitoringSchedulesRequest request)
    {
        var maxResults = request.MaxResults ?? 10;
        SageMakerValidation.Range(maxResults, "maxResults", 1, 100);
        SageMakerValidation.RequireOneOf(request.SortBy, "sortBy", "Name", "CreationTime", "Status");
        SageMakerValidation.RequireOneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
        SageMakerValidation.RequireOneOf(request.StatusEquals, "statusEquals", ScheduleStatuses);
        SageMakerValidation.RequireOneOf(request.MonitoringTypeEquals, "monitoringTypeEquals", Types);
        SageMakerValidation.NameContains(request.NameContains);
        var fingerprint = PageToken.Fingerprint("schedules", request with { NextToken = null, MaxResults = null });
        var (now, offset) = PinnedPages.Resolve(request.NextToken, fingerprint, timeProvider.GetUtcNow());

        var matching = catalog.Schedules
            .Where(s => s.CreationTime <= now)
            .Where(s => request.EndpointName is null || s.Endpoint.Name == request.EndpointName)
            .Where(s => request.NameContains is null || s.Name.Contains(request.NameContains, StringComparison.OrdinalIgnoreCase))
            .Where(s => request.StatusEquals is null || s.Status == request.StatusEquals)
            .Where(s => request.MonitoringTypeEquals is null || s.Type == request.MonitoringTypeEquals)
            .Where(s => request.MonitoringJobDefinitionName is null || s.JobDefinitionName == request.MonitoringJobDefinitionName)
            .Where(s => InRange(s.CreationTime, request.CreationTimeAfter, request.CreationTimeBefore))
            .Where(s => InRange(s.LastModifiedTime, request.LastModifiedTimeAfter, request.LastModifiedTimeBefore));
        var descending = request.SortOrder != "Ascending";
        var ordered = (request.SortBy switch
        {
            "Name" => descending ? matching.OrderByDescending(s => s.Name, StringComparer.Ordinal) : matching.OrderBy(s => s.Name, StringComparer.Ordinal),
            "Status" => descending ? matching.OrderByDescending(s => s.Status, StringComparer.Ordinal) : matching.OrderBy(s => s.Status, StringComparer.Ordinal),
            _ => descending ? matching.OrderByDescending(s => s.CreationTime) : matching.OrderBy(s => s.CreationTime),
        }).ThenBy(s => s.Name, StringComparer.Ordinal).Select(shapes.Summary).ToList();
        var (page, next) = PinnedPages.Take(ordered, offset, maxResults, fingerprint, now);
        return new ListMonitoringSchedulesResponse(page, next);
    }

    public DescribeMonitoringScheduleResponse DescribeMonitoringSchedule(DescribeMonitoringScheduleRequest request)
    {
        var name = SageMakerValidation.RequirePatternName(request.MonitoringScheduleName, "monitoringScheduleName");
        var now = timeProvider.GetUtcNow();
        var schedule = catalog.Find(name, now) ?? throw shapes.ScheduleNotFound(name);
        return shapes.Describe(schedule, catalog.Executions(schedule, now).LastOrDefault(), now);
    }

    public ListMonitoringExecutionsResponse ListMonitoringExecutions(ListMonitoringExecutionsRequest request)
    {
        var maxResults = request.MaxResults ?? 10;
        SageMakerValidation.Range(maxResults, "maxResults", 1, 100);
        SageMakerValidation.RequireOneOf(request.SortBy, "sortBy", "CreationTime", "ScheduledTime", "Status");
        SageMakerValidation.RequireOneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
        SageMakerValidation.RequireOneOf(request.StatusEquals, "statusEquals", ExecutionStatuses);
        SageMakerValidation.RequireOneOf(request.MonitoringTypeEquals, "monitoringTypeEquals", Types);
        if (request.MonitoringScheduleName is { } scheduleName)
        {
            SageMakerValidation.RequirePatternName(scheduleName, "monitoringScheduleName");
        }
        var fingerprint = PageToken.Fingerprint("executions", request with { NextToken = null, MaxResults = null });
        var (now, offset) = PinnedPages.Resolve(request.NextToken, fingerprint, timeProvider.GetUtcNow());

        var matching = catalog.Schedules
            .Where(s => s.CreationTime <= now)
            .Where(s => request.MonitoringScheduleName is null || s.Name == request.MonitoringScheduleName)
            .Where(s => request.EndpointName is null || s.Endpoint.Name == request.EndpointName)
            .Where(s => request.MonitoringTypeEquals is null || s.Type == request.MonitoringTypeEquals)
            .Where(s => request.MonitoringJobDefinitionName is null || s.JobDefinitionName == request.MonitoringJobDefinitionName)
            .SelectMany(s => catalog.Executions(s, now))
            .Where(e => request.StatusEquals is null || e.StatusAt(now) == request.StatusEquals)
            .Where(e => InRange(e.ScheduledTime, request.ScheduledTimeAfter, request.ScheduledTimeBefore))
            .Where(e => InRange(e.CreationTime, request.CreationTimeAfter, request.CreationTimeBefore))
            .Where(e => InRange(e.LastModifiedAt(now), request.LastModifiedTimeAfter, request.LastModifiedTimeBefore));
        var descending = request.SortOrder != "Ascending";
        var ordered = (request.SortBy switch
        {
            "ScheduledTime" => descending ? matching.OrderByDescending(e => e.ScheduledTime) : matching.OrderBy(e => e.ScheduledTime),
            "Status" => descending ? matching.OrderByDescending(e => e.StatusAt(now), StringComparer.Ordinal)
                : matching.OrderBy(e => e.StatusAt(now), StringComparer.Ordinal),
            _ => descending ? matching.OrderByDescending(e => e.CreationTime) : matching.OrderBy(e => e.CreationTime),
        }).ThenBy(e => e.ScheduledTime).ThenBy(e => e.Schedule.Name, StringComparer.Ordinal).ToList();
        var (page, next) = PinnedPages.Take(ordered, offset, maxResults, fingerprint, now);
        return new ListMonitoringExecutionsResponse(page.Select(e => shapes.Summary(e, now)).ToList(), next);
    }

    /// <summary>SageMaker's After/Before filters: strictly after, strictly before.</summary>
    private static bool InRange(DateTimeOffset time, DateTimeOffset? after, DateTimeOffset? before) =>
        (after is null || time > after) && (before is null || time < before);
}
