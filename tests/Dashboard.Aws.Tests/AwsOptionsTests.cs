using Dashboard.Aws.Tests.Infrastructure;

namespace Dashboard.Aws.Tests;

public sealed class AwsOptionsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static AwsOptionsValidator Validator(Dictionary<string, string?>? environment = null) =>
        new(new AwsEndpointResolver(name => (environment ?? NoEnvironment).GetValueOrDefault(name)));

    private static IReadOnlyList<string> Errors(AwsOptions options, Dictionary<string, string?>? environment = null) =>
        Validator(environment).Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new AwsOptions();

        Assert.Empty(Errors(options));
        Assert.Equal("us-east-1", options.Region);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Equal(3, options.MaxAttempts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("US-EAST-1")]
    [InlineData("useast1")]
    public void Validate_BadRegion_NamesRegionKey(string region)
    {
        var error = Assert.Single(Errors(new AwsOptions { Region = region }));

        Assert.StartsWith("Aws:Region ", error);
    }

    [Theory]
    [InlineData("cn-north-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("us-isob-east-1")]
    public void Validate_OtherPartitionRegions_Succeeds(string region) =>
        Assert.Empty(Errors(new AwsOptions { Region = region }));

    [Theory]
    [InlineData("localhost:4566")]
    [InlineData("/relative")]
    [InlineData("ftp://host/")]
    public void Validate_CloudWatchUrlNotAbsoluteHttp_NamesKey(string url)
    {
        var error = Assert.Single(Errors(new AwsOptions { CloudWatchServiceUrl = url }));

        Assert.Equal("Aws:CloudWatchServiceUrl must be an absolute http(s) URL.", error);
    }

    [Fact]
    public void Validate_S3UrlNotAbsolute_NamesKey() =>
        Assert.Equal("Aws:S3ServiceUrl must be an absolute http(s) URL.",
            Assert.Single(Errors(new AwsOptions { S3ServiceUrl = "s3.local:4566" })));

    [Fact]
    public void Validate_S3VariableNotAbsolute_NamesVariable() =>
        Assert.Equal("AWS_ENDPOINT_URL_S3 must be an absolute http(s) URL.",
            Assert.Single(Errors(new AwsOptions(), new() { ["AWS_ENDPOINT_URL_S3"] = "minio:9000" })));

    [Fact]
    public void Validate_SageMakerUrlNotAbsolute_NamesKey() =>
        Assert.Equal("Aws:SageMakerServiceUrl must be an absolute http(s) URL.",
            Assert.Single(Errors(new AwsOptions { SageMakerServiceUrl = "sagemaker.local" })));

    [Fact]
    public void Validate_BadEndpointEnvironmentVariable_NamesVariable()
    {
        var errors = Errors(new AwsOptions(), new() { ["AWS_ENDPOINT_URL_SAGEMAKER"] = "not a url" });

        Assert.Equal("AWS_ENDPOINT_URL_SAGEMAKER must be an absolute http(s) URL.", Assert.Single(errors));
    }

    [Fact]
    public void Validate_AccessKeyWithoutSecret_NamesBothKeys()
    {
        var error = Assert.Single(Errors(new AwsOptions { AccessKeyId = "AKIDEXAMPLE" }));

        Assert.Contains("Aws:AccessKeyId", error);
        Assert.Contains("Aws:SecretAccessKey", error);
    }

    [Fact]
    public void Validate_SecretWithoutAccessKey_NamesBothKeysWithoutTheSecret()
    {
        var error = Assert.Single(Errors(new AwsOptions { SecretAccessKey = AwsTestHost.SecretAccessKey }));

        Assert.StartsWith("Aws:SecretAccessKey is set but Aws:AccessKeyId is not", error);
        Assert.DoesNotContain(AwsTestHost.SecretAccessKey, error);
    }

    [Fact]
    public void Validate_TimeoutAndAttemptsOutOfRange_NamesBothKeys()
    {
        var errors = Errors(new AwsOptions { RequestTimeout = TimeSpan.Zero, MaxAttempts = 0 });

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Aws:RequestTimeout ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Aws:MaxAttempts ", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_WithSecret_ShowsOnlyThatItIsSet()
    {
        var options = new AwsOptions { AccessKeyId = "AKIDEXAMPLE", SecretAccessKey = AwsTestHost.SecretAccessKey };

        var text = options.ToString();

        Assert.DoesNotContain(AwsTestHost.SecretAccessKey, text);
        Assert.Contains("SecretAccessKey=***", text);
        Assert.Contains("AKIDEXAMPLE", text);
    }
}
