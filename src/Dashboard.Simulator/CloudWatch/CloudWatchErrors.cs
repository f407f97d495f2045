using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.CloudWatch;

/// <summary>CloudWatch's awsQuery error codes (what x-amzn-query-error carries).</summary>
internal static class CloudWatchErrors
{
    public static AwsErrorException InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    public static AwsErrorException InvalidParameterCombination(string message) => new("InvalidParameterCombination", message);

    public static AwsErrorException MissingParameter(string parameter) =>
        new("MissingParameter", $"The parameter {parameter} is required.");

    public static AwsErrorException InvalidNextToken() => new("InvalidNextToken", "The service returned an invalid or expired NextToken.");
}
