namespace Dashboard.Aws.Tests;

/// <summary>Start-up validation of the STS endpoint and the optional role.</summary>
public sealed class StsOptionsTests
{
    private static IReadOnlyList<string> Errors(AwsOptions options, Dictionary<string, string?>? environment = null) =>
        new AwsOptionsValidator(new AwsEndpointResolver(name => environment?.GetValueOrDefault(name)))
            .Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_StsUrlNotAbsoluteHttp_NamesKey() =>
        Assert.Equal("Aws:StsServiceUrl must be an absolute http(s) URL.",
            Assert.Single(Errors(new AwsOptions { StsServiceUrl = "localhost:4566" })));

    [Fact]
    public void Validate_StsEnvironmentUrlNotAbsoluteHttp_NamesVariable() =>
        Assert.Equal("AWS_ENDPOINT_URL_STS must be an absolute http(s) URL.",
            Assert.Single(Errors(new AwsOptions(), new() { ["AWS_ENDPOINT_URL_STS"] = "sts:4566" })));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/Dashboard")]
    [InlineData("arn:aws-cn:iam::123456789012:role/ops/Dashboard")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/Dashboard")]
    public void Validate_RoleArn_Succeeds(string arn) => Assert.Empty(Errors(new AwsOptions { RoleArn = arn }));

    [Theory]
    [InlineData("Dashboard")]
    [InlineData("arn:aws:iam::12345:role/Dashboard")]
    [InlineData("arn:aws:iam::123456789012:user/ops")]
    [InlineData("arn:aws:sts::123456789012:role/Dashboard")]
    public void Validate_BadRoleArn_NamesKey(string arn) =>
        Assert.StartsWith("Aws:RoleArn ", Assert.Single(Errors(new AwsOptions { RoleArn = arn })));

    [Fact]
    public void Validate_BadSessionNameWithRole_NamesKey() =>
        Assert.StartsWith("Aws:RoleSessionName ", Assert.Single(Errors(new AwsOptions
        {
            RoleArn = "arn:aws:iam::123456789012:role/Dashboard",
            RoleSessionName = "has spaces",
        })));

    [Fact]
    public void Defaults_NoRole_SessionNameIsTheDashboards()
    {
        var options = new AwsOptions();

        Assert.Null(options.RoleArn);
        Assert.Equal("sagemaker-dashboard", options.RoleSessionName);
    }
}
