namespace Dashboard.Aws;

/// <summary>
/// How the dashboard reaches AWS (or the built-in simulator). Bound from the "Aws" configuration section and
/// checked at start-up by <see cref="AwsOptionsValidator"/>.
/// </summary>
public sealed class AwsOptions
{
    public const string SectionName = "Aws";

    /// <summary>Region used for the default endpoints and the SigV4 credential scope.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Overrides the CloudWatch endpoint (e.g. the simulator); wins over AWS_ENDPOINT_URL_* variables.</summary>
    public string? CloudWatchServiceUrl { get; set; }

    /// <summary>Overrides the SageMaker API endpoint; wins over AWS_ENDPOINT_URL_* variables.</summary>
    public string? SageMakerServiceUrl { get; set; }

    /// <summary>Overrides the S3 endpoint (path-style requests then); wins over AWS_ENDPOINT_URL_* variables.</summary>
    public string? S3ServiceUrl { get; set; }

    /// <summary>Overrides the STS endpoint (GetCallerIdentity, AssumeRole); wins over AWS_ENDPOINT_URL_* variables.</summary>
    public string? StsServiceUrl { get; set; }

    /// <summary>A role every client assumes (through STS AssumeRole) over the base credentials; unset means none.</summary>
    public string? RoleArn { get; set; }

    /// <summary>A named profile from the shared config/credentials files (static keys, SSO, role chains, credential_process).</summary>
    public string? Profile { get; set; }

    /// <summary>The session name AssumeRole records in CloudTrail; used only with <see cref="RoleArn"/>.</summary>
    public string RoleSessionName { get; set; } = "sagemaker-dashboard";

    /// <summary>Explicit static credentials, meant for the simulator. When unset the SDK's default chain is used.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    /// <summary>Limit for one attempt (send and read the reply); retries get a fresh budget each.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call including the first, as in the SDKs' "max_attempts".</summary>
    public int MaxAttempts { get; set; } = 3;

    internal bool HasRole => !string.IsNullOrWhiteSpace(RoleArn);

    internal bool HasStaticCredentials =>
        !string.IsNullOrWhiteSpace(AccessKeyId) && !string.IsNullOrWhiteSpace(SecretAccessKey);

    // Options objects end up in logs and debugger views; the secret must never be printed, only whether it is set.
    public override string ToString() =>
        $"Region={Region}, CloudWatchServiceUrl={CloudWatchServiceUrl ?? "(default)"}, " +
        $"SageMakerServiceUrl={SageMakerServiceUrl ?? "(default)"}, S3ServiceUrl={S3ServiceUrl ?? "(default)"}, " +
        $"StsServiceUrl={StsServiceUrl ?? "(default)"}, Profile={Profile ?? "(none)"}, RoleArn={RoleArn ?? "(none)"}, RoleSessionName={RoleSessionName}, AccessKeyId={AccessKeyId ?? "(none)"}, " +
        $"SecretAccessKey={(string.IsNullOrEmpty(SecretAccessKey) ? "(none)" : "***")}, " +
        $"RequestTimeout={RequestTimeout}, MaxAttempts={MaxAttempts}";
}
