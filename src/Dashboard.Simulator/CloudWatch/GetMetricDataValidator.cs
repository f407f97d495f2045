using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.CloudWatch;

/// <summary>A MetricStat query that passed validation, with its statistic parsed.</summary>
internal sealed record ValidatedQuery(int Index, MetricDataQuery Query, MetricStat MetricStat, Statistic Statistic)
{
    public bool ReturnData => Query.ReturnData ?? true;

    public int Period => MetricStat.Period;
}

/// <summary>GetMetricData's request rules, checked before any data is generated.</summary>
internal static class GetMetricDataValidator
{
    public const int MaxQueries = 500;
    public const int DefaultMaxDatapoints = 100_800;

    public static IReadOnlyList<ValidatedQuery> Validate(GetMetricDataRequest request)
    {
        var queries = request.MetricDataQueries;
        if (queries is null || queries.Count == 0)
        {
            throw CloudWatchErrors.MissingParameter("MetricDataQueries");
        }
        if (queries.Count > MaxQueries)
        {
            throw CloudWatchErrors.InvalidParameterValue(
                $"The collection MetricDataQueries must not have a size greater than {MaxQueries}.");
        }
        if (request.StartTime == default)
        {
            throw CloudWatchErrors.MissingParameter("StartTime");
        }
        if (request.EndTime == default)
        {
            throw CloudWatchErrors.MissingParameter("EndTime");
        }
        if (request.StartTime >= request.EndTime)
        {
            throw CloudWatchErrors.InvalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
        }
        if (request.ScanBy is { } scanBy && scanBy is not (ScanBy.TimestampAscending or ScanBy.TimestampDescending))
        {
            throw CloudWatchErrors.InvalidParameterValue(
                $"The value {scanBy} for parameter ScanBy is not valid. Valid values: TimestampDescending, TimestampAscending.");
        }
        if (request.MaxDatapoints is < 1)
        {
            throw CloudWatchErrors.InvalidParameterValue("The parameter MaxDatapoints must be greater than 0.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var validated = new List<ValidatedQuery>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i] ?? throw CloudWatchErrors.MissingParameter($"MetricDataQueries.member.{i + 1}");
            var member = $"MetricDataQueries.member.{i + 1}";
            if (string.IsNullOrEmpty(query.Id))
            {
                throw CloudWatchErrors.MissingParameter(member + ".Id");
            }
            if (!IsValidId(query.Id))
            {
                throw CloudWatchErrors.InvalidParameterValue(
                    $"The value {query.Id} for parameter {member}.Id is not valid. An Id must start with a lowercase letter and contain only letters, numbers and underscores.");
            }
            if (!ids.Add(query.Id))
            {
                throw CloudWatchErrors.InvalidParameterValue($"The value {query.Id} for parameter {member}.Id is duplicated; Ids must be unique.");
            }
            if ((query.MetricStat is null) == (query.Expression is null))
            {
                throw CloudWatchErrors.InvalidParameterCombination(
                    $"Exactly one of MetricStat and Expression must be set for {member}.");
            }
            if (query.Expression is not null)
            {
                throw CloudWatchErrors.InvalidParameterValue("metric math is not supported by the simulator");
            }
            validated.Add(ValidateMetricStat(i, query, member));
        }
        return validated;
    }

    private static ValidatedQuery ValidateMetricStat(int index, MetricDataQuery query, string member)
    {
        var stat = query.MetricStat!;
        var metric = stat.Metric ?? throw CloudWatchErrors.MissingParameter(member + ".MetricStat.Metric");
        if (string.IsNullOrEmpty(metric.Namespace))
        {
            throw CloudWatchErrors.MissingParameter(member + ".MetricStat.Metric.Namespace");
        }
        if (string.IsNullOrEmpty(metric.MetricName))
        {
            throw CloudWatchErrors.MissingParameter(member + ".MetricStat.Metric.MetricName");
        }
        if (metric.Dimensions is { Count: > 30 })
        {
            throw CloudWatchErrors.InvalidParameterValue($"The collection {member}.MetricStat.Metric.Dimensions must not have a size greater than 30.");
        }
        if (metric.Dimensions?.Any(d => d is null || string.IsNullOrEmpty(d.Name) || d.Value is null) == true)
        {
            throw CloudWatchErrors.MissingParameter(member + ".MetricStat.Metric.Dimensions.member.N.Name/Value");
        }
        // Only regular-resolution (60-second) data exists here, so sub-minute periods cannot be answered.
        if (stat.Period < 60 || stat.Period % 60 != 0)
        {
            throw CloudWatchErrors.InvalidParameterValue(
                $"The parameter {member}.MetricStat.Period must be a multiple of 60 and at least 60 (was {stat.Period}).");
        }
        if (!Statistic.TryParse(stat.Stat, out var statistic))
        {
            throw CloudWatchErrors.InvalidParameterValue(
                $"The value {stat.Stat} for parameter {member}.MetricStat.Stat is not a supported statistic. Use SampleCount, Average, Sum, Minimum, Maximum or pNN.NN.");
        }
        return new ValidatedQuery(index, query, stat, statistic);
    }

    public static bool IsValidId(string id)
    {
        if (id.Length is 0 or > 255 || id[0] is < 'a' or > 'z')
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }
}
