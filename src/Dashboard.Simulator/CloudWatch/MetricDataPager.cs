using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using StatusCodes = Dashboard.Core.CloudWatch.StatusCodes;

namespace Dashboard.Simulator.CloudWatch;

/// <summary>
/// Produces one page of GetMetricData. Points come in query order, each query's periods in scan order, until
/// MaxDatapoints is reached; the NextToken remembers where to resume and the "now" of the first page, so later
/// pages see exactly the same periods and every point is returned exactly once.
/// </summary>
internal sealed class MetricDataPager
{
    private readonly FleetScenario _scenario;
    private readonly GetMetricDataRequest _request;
    private readonly IReadOnlyList<ValidatedQuery> _queries;
    private readonly DateTimeOffset _now;

    public MetricDataPager(FleetScenario scenario, GetMetricDataRequest request, IReadOnlyList<ValidatedQuery> queries, DateTimeOffset now)
    {
        _scenario = scenario;
        _request = request;
        _queries = queries;
        _now = now;
    }

    public GetMetricDataResponse NextPage()
    {
        var fingerprint = PageToken.Fingerprint(_request.MetricDataQueries, _request.StartTime, _request.EndTime, _request.ScanBy);
        var cursor = new DataCursor(fingerprint, LoadModel.FloorDiv(_now.ToUnixTimeSeconds(), 60), 0, 0);
        if (_request.NextToken is { } token)
        {
            if (!PageToken.TryDecode<DataCursor>(token, out var decoded) || decoded!.F != fingerprint
                || decoded.Q < 0 || decoded.Q > _queries.Count || decoded.K < 0)
            {
                throw CloudWatchErrors.InvalidNextToken();
            }
            cursor = decoded;
        }

        var ascending = _request.ScanBy == ScanBy.TimestampAscending;
        var remaining = _request.MaxDatapoints ?? GetMetricDataValidator.DefaultMaxDatapoints;
        var results = new List<MetricDataResult>();
        string? nextToken = null;
        foreach (var query in _queries)
        {
            if (!query.ReturnData)
            {
                continue;
            }
            var timestamps = new List<DateTimeOffset>();
            var values = new List<double>();
            var status = StatusCodes.Complete;
            if (query.Index >= cursor.Q)
            {
                var window = BucketWindow.For(query, FindSeries(query), _request, cursor.Now);
                var position = query.Index == cursor.Q ? cursor.K : 0;
                for (; position < window.Count; position++)
                {
                    if (remaining == 0)
                    {
                        status = StatusCodes.PartialData;
                        nextToken ??= PageToken.Encode(cursor with { Q = query.Index, K = position });
                        break;
                    }
                    var (start, seconds) = window.Bucket(position, ascending);
                    if (window.Series!.GetValue(query.Statistic, seconds, start) is { } value)
                    {
                        timestamps.Add(start);
                        values.Add(value);
                        remaining--;
                    }
                }
            }
            results.Add(new MetricDataResult(query.Query.Id, query.Query.Label ?? query.MetricStat.Metric.MetricName,
                timestamps, values, status));
        }
        return new GetMetricDataResponse(results, nextToken, []);
    }

    /// <summary>The series the query names, if it exists now with the requested unit; CloudWatch answers the rest with nothing.</summary>
    private SimulatedSeries? FindSeries(ValidatedQuery query)
    {
        var metric = query.MetricStat.Metric;
        var series = _scenario.FindSeries(metric.Namespace, metric.MetricName, metric.Dimensions ?? []);
        if (series is null || series.CreationTime > _now)
        {
            return null;
        }
        return query.MetricStat.Unit is { } unit && unit != series.Unit ? null : series;
    }

    /// <summary>NextToken content: fingerprint, the first page's "now" (minutes), query index, position in scan order.</summary>
    private sealed record DataCursor(string F, long Now, int Q, long K);
}
