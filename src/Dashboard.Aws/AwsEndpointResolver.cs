using Amazon;

namespace Dashboard.Aws;

/// <summary>An endpoint and where it came from (a configuration key, an environment variable or "default").</summary>
public sealed record AwsEndpoint(Uri Url, string Source);

/// <summary>
/// Picks the endpoint the way generated AWS clients do: explicit option, then AWS_ENDPOINT_URL_&lt;SERVICE&gt;,
/// then AWS_ENDPOINT_URL, then the partition's standard host.
/// </summary>
public sealed class AwsEndpointResolver(Func<string, string?> readEnvironment)
{
    internal const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    internal const string IgnoreEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    internal const string S3EndpointVariable = "AWS_ENDPOINT_URL_S3";
    internal const string StsEndpointVariable = "AWS_ENDPOINT_URL_STS";

    public AwsEndpointResolver() : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>The configured value that decides the endpoint, with its name; null when the default applies.</summary>
    public (string Name, string Value)? FindOverride(AwsOptions options, AwsServiceDescriptor service) =>
        FindOverride(service == AwsServices.CloudWatch ? options.CloudWatchServiceUrl : options.SageMakerServiceUrl,
            service.ServiceUrlOptionName, service.EndpointEnvironmentVariable);

    /// <summary>The same for S3, whose client is AWSSDK.S3's rather than one described by an <see cref="AwsServiceDescriptor"/>.</summary>
    public (string Name, string Value)? FindS3Override(AwsOptions options) =>
        FindOverride(options.S3ServiceUrl, nameof(AwsOptions.S3ServiceUrl), S3EndpointVariable);

    /// <summary>The same for STS (AWSSDK.SecurityToken's client).</summary>
    public (string Name, string Value)? FindStsOverride(AwsOptions options) =>
        FindOverride(options.StsServiceUrl, nameof(AwsOptions.StsServiceUrl), StsEndpointVariable);

    private (string Name, string Value)? FindOverride(string? explicitUrl, string optionName, string serviceVariable)
    {
        if (!string.IsNullOrWhiteSpace(explicitUrl))
        {
            return ($"{AwsOptions.SectionName}:{optionName}", explicitUrl.Trim());
        }
        // The SDKs' documented switch for ignoring the environment's endpoint overrides.
        if (string.Equals(readEnvironment(IgnoreEndpointsVariable), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        foreach (var variable in new[] { serviceVariable, GlobalEndpointVariable })
        {
            var value = readEnvironment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (variable, value.Trim());
            }
        }
        return null;
    }

    public AwsEndpoint Resolve(AwsOptions options, AwsServiceDescriptor service)
    {
        if (FindOverride(options, service) is { } found)
        {
            if (!TryParseHttpUrl(found.Value, out var url))
            {
                throw new InvalidOperationException($"{found.Name} must be an absolute http(s) URL.");
            }
            return new AwsEndpoint(url, found.Name);
        }
        var region = RegionEndpoint.GetBySystemName(options.Region);
        return new AwsEndpoint(new Uri($"https://{service.HostPrefix}.{region.SystemName}.{region.PartitionDnsSuffix}/"), "default");
    }

    internal static bool TryParseHttpUrl(string? value, out Uri url)
    {
        url = null!;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }
        url = parsed;
        return true;
    }
}
