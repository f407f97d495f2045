using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Dashboard.Aws;

/// <summary>Start-up validation of <see cref="AwsOptions"/>; every message names the key (or variable) to fix.</summary>
/// <param name="profilesLocation">The shared credentials file to look profiles up in; null means the SDK's usual files.</param>
public sealed partial class AwsOptionsValidator(AwsEndpointResolver endpoints, string? profilesLocation = null) : IValidateOptions<AwsOptions>
{
    internal const int MaxAttemptsLimit = 10;
    internal static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(10);

    private const string Prefix = AwsOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.Region)} is required (for example us-east-1).");
        }
        else if (!RegionPattern().IsMatch(options.Region))
        {
            // RegionEndpoint accepts any string and silently maps it to the aws partition, so catch typos here.
            errors.Add($"{Prefix}{nameof(AwsOptions.Region)} '{options.Region}' is not an AWS region name such as us-east-1.");
        }
        else
        {
            var overrides = new[]
            {
                endpoints.FindOverride(options, AwsServices.CloudWatch),
                endpoints.FindOverride(options, AwsServices.SageMaker),
                endpoints.FindS3Override(options),
                endpoints.FindStsOverride(options),
            };
            foreach (var found in overrides)
            {
                if (found is { } value && !AwsEndpointResolver.TryParseHttpUrl(value.Value, out _))
                {
                    errors.Add($"{value.Name} must be an absolute http(s) URL.");
                }
            }
        }

        var hasKey = !string.IsNullOrWhiteSpace(options.AccessKeyId);
        var hasSecret = !string.IsNullOrWhiteSpace(options.SecretAccessKey);
        if (hasKey && !hasSecret)
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.AccessKeyId)} is set but {Prefix}{nameof(AwsOptions.SecretAccessKey)} is not; set both or neither.");
        }
        if (hasSecret && !hasKey)
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.SecretAccessKey)} is set but {Prefix}{nameof(AwsOptions.AccessKeyId)} is not; set both or neither.");
        }

        if (!string.IsNullOrWhiteSpace(options.Profile)
            && !new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain(profilesLocation).TryGetProfile(options.Profile, out _))
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.Profile)} '{options.Profile}' is not in the shared AWS config or credentials file.");
        }
        if (options.HasStaticCredentials && !string.IsNullOrWhiteSpace(options.Profile))
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.Profile)} and {Prefix}{nameof(AwsOptions.AccessKeyId)} are both set; use one or the other.");
        }
        if (options.HasRole && !RoleArnPattern().IsMatch(options.RoleArn!.Trim()))
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.RoleArn)} '{options.RoleArn}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/Dashboard.");
        }
        if (options.HasRole && !RoleSessionNamePattern().IsMatch(options.RoleSessionName ?? ""))
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.RoleSessionName)} must be 2-64 characters of letters, digits and =,.@-_ .");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxRequestTimeout)
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.RequestTimeout)} must be greater than zero and at most {MaxRequestTimeout:c}.");
        }
        if (options.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            errors.Add($"{Prefix}{nameof(AwsOptions.MaxAttempts)} must be between 1 and {MaxAttemptsLimit}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Covers aws, aws-cn, aws-us-gov and the iso partitions: us-east-1, cn-north-1, us-gov-west-1, us-isob-east-1.
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    // Any partition (aws, aws-cn, aws-us-gov, aws-iso…), a 12-digit account, and a role name with an optional path.
    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$")]
    private static partial Regex RoleArnPattern();

    // STS's own constraint on RoleSessionName.
    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex RoleSessionNamePattern();
}
