using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.CloudWatch.Alarms;

/// <summary>
/// The request rules of the alarm operations. Model constraints (lengths, ranges, enums) fail as AWS's
/// "ValidationError" with its "1 validation error detected" wording; the service's own rules as InvalidParameterValue.
/// </summary>
internal static class AlarmValidator
{
    public const int MaxNameLength = 255;
    public const int MaxRuleLength = 10_240;
    public const int MaxNamesPerRequest = 100;

    private static readonly string[] AllStatistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

    private static readonly string[] AllComparisonOperators =
    [
        ComparisonOperators.GreaterThanOrEqualToThreshold, ComparisonOperators.GreaterThanThreshold,
        ComparisonOperators.LessThanThreshold, ComparisonOperators.LessThanOrEqualToThreshold,
        ComparisonOperators.LessThanLowerOrGreaterThanUpperThreshold, ComparisonOperators.LessThanLowerThreshold,
        ComparisonOperators.GreaterThanUpperThreshold,
    ];

    private static readonly string[] AllMissingData =
    [
        MissingDataTreatments.Breaching, MissingDataTreatments.NotBreaching, MissingDataTreatments.Ignore, MissingDataTreatments.Missing,
    ];

    public static readonly string[] StateValues = [AlarmStates.Ok, AlarmStates.Alarm, AlarmStates.InsufficientData];

    public static readonly string[] Types = [AlarmTypes.CompositeAlarm, AlarmTypes.MetricAlarm];

    public static readonly string[] HistoryTypes =
    [
        HistoryItemTypes.ConfigurationUpdate, HistoryItemTypes.StateUpdate, HistoryItemTypes.Action,
        "AlarmContributorStateUpdate", "AlarmContributorAction",
    ];

    public static AwsErrorException ValidationError(string value, string member, string constraint) =>
        new("ValidationError", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public static void PutMetricAlarm(PutMetricAlarmRequest request)
    {
        AlarmName(request.AlarmName);
        if (request.EvaluationPeriods is not { } evaluationPeriods)
        {
            throw CloudWatchErrors.MissingParameter("EvaluationPeriods");
        }
        if (evaluationPeriods < 1)
        {
            throw ValidationError(Text(evaluationPeriods), "evaluationPeriods", "Member must have value greater than or equal to 1");
        }
        if (request.ComparisonOperator is null)
        {
            throw CloudWatchErrors.MissingParameter("ComparisonOperator");
        }
        Enum(request.ComparisonOperator, "comparisonOperator", AllComparisonOperators);
        if (request.Statistic is not null)
        {
            Enum(request.Statistic, "statistic", AllStatistics);
        }
        if (request.TreatMissingData is { } treatMissingData && !AllMissingData.Contains(treatMissingData, StringComparer.Ordinal))
        {
            throw CloudWatchErrors.InvalidParameterValue(
                $"The value {treatMissingData} for parameter TreatMissingData is not valid. Valid values: {string.Join(", ", AllMissingData)}.");
        }

        var statistics = (request.Statistic is null ? 0 : 1) + (request.ExtendedStatistic is null ? 0 : 1);
        var hasMetrics = request.Metrics is { Count: > 0 };
        if (statistics + (hasMetrics ? 1 : 0) != 1)
        {
            throw CloudWatchErrors.InvalidParameterValue(
                "Exactly one of Statistic, ExtendedStatistic or Metrics must be specified.");
        }
        if (hasMetrics && (request.MetricName is not null || request.Namespace is not null || request.Dimensions is not null
            || request.Period is not null || request.Unit is not null))
        {
            throw CloudWatchErrors.InvalidParameterValue(
                "MetricName, Namespace, Dimensions, Period and Unit must not be specified when Metrics is specified.");
        }

        int? period = hasMetrics
            ? request.Metrics!.FirstOrDefault(q => q.ReturnData ?? true)?.MetricStat?.Period ?? request.Metrics![0].Period
            : request.Period;
        if (!hasMetrics && period is null)
        {
            throw CloudWatchErrors.MissingParameter("Period");
        }
        if (period is { } seconds)
        {
            if (seconds < 1)
            {
                throw ValidationError(Text(seconds), "period", "Member must have value greater than or equal to 1");
            }
            if (seconds is not (10 or 20 or 30) && seconds % 60 != 0)
            {
                throw CloudWatchErrors.InvalidParameterValue("The parameter Period must be 10, 20, 30 or a multiple of 60.");
            }
            if (seconds < 3600 && (long)seconds * evaluationPeriods > 86_400)
            {
                throw CloudWatchErrors.InvalidParameterValue(
                    "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).");
            }
        }
        if (request.DatapointsToAlarm is { } datapoints)
        {
            if (datapoints < 1)
            {
                throw ValidationError(Text(datapoints), "datapointsToAlarm", "Member must have value greater than or equal to 1");
            }
            if (datapoints > evaluationPeriods)
            {
                throw CloudWatchErrors.InvalidParameterValue(
                    $"DatapointsToAlarm ({datapoints}) must be less than or equal to EvaluationPeriods ({evaluationPeriods}).");
            }
        }
    }

    public static void PutCompositeAlarm(PutCompositeAlarmRequest request)
    {
        AlarmName(request.AlarmName);
        if (request.AlarmRule is null)
        {
            throw CloudWatchErrors.MissingParameter("AlarmRule");
        }
        if (request.AlarmRule.Length is < 1 or > MaxRuleLength)
        {
            throw ValidationError(request.AlarmRule, "alarmRule", request.AlarmRule.Length < 1
                ? "Member must have length greater than or equal to 1"
                : $"Member must have length less than or equal to {MaxRuleLength}");
        }
    }

    public static void AlarmName(string? name, string member = "alarmName")
    {
        if (name is null)
        {
            throw CloudWatchErrors.MissingParameter("AlarmName");
        }
        if (name.Length is < 1 or > MaxNameLength)
        {
            throw ValidationError(name, member, name.Length < 1
                ? "Member must have length greater than or equal to 1"
                : $"Member must have length less than or equal to {MaxNameLength}");
        }
    }

    public static void NameList(IReadOnlyList<string>? names, string member)
    {
        if (names is { Count: > MaxNamesPerRequest })
        {
            throw ValidationError($"[{string.Join(", ", names)}]", member,
                $"Member must have length less than or equal to {MaxNamesPerRequest}");
        }
    }

    public static void Enum(string value, string member, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw ValidationError(value, member, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }

    public static int MaxRecords(int? maxRecords, int defaultValue)
    {
        return maxRecords switch
        {
            null => defaultValue,
            < 1 => throw ValidationError(Text(maxRecords.Value), "maxRecords", "Member must have value greater than or equal to 1"),
            > 100 => throw ValidationError(Text(maxRecords.Value), "maxRecords", "Member must have value less than or equal to 100"),
            _ => maxRecords.Value,
        };
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
