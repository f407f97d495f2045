namespace Dashboard.Aws.Tests;

public sealed class AwsEndpointResolverTests
{
    private static AwsEndpointResolver Resolver(params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(e => e.Name, e => e.Value);
        return new AwsEndpointResolver(name => variables.GetValueOrDefault(name));
    }

    [Theory]
    [InlineData("us-east-1", "https://monitoring.us-east-1.amazonaws.com/", "https://api.sagemaker.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://monitoring.cn-north-1.amazonaws.com.cn/", "https://api.sagemaker.cn-north-1.amazonaws.com.cn/")]
    public void Resolve_NoOverrides_UsesPartitionHost(string region, string cloudWatch, string sageMaker)
    {
        var options = new AwsOptions { Region = region };

        Assert.Equal(new AwsEndpoint(new Uri(cloudWatch), "default"), Resolver().Resolve(options, AwsServices.CloudWatch));
        Assert.Equal(new AwsEndpoint(new Uri(sageMaker), "default"), Resolver().Resolve(options, AwsServices.SageMaker));
    }

    [Fact]
    public void Resolve_ServiceVariableAndGlobalVariable_ServiceVariableWins()
    {
        var resolver = Resolver(("AWS_ENDPOINT_URL_CLOUDWATCH", "http://cw:1/"), ("AWS_ENDPOINT_URL", "http://all:2/"));

        Assert.Equal(new AwsEndpoint(new Uri("http://cw:1/"), "AWS_ENDPOINT_URL_CLOUDWATCH"),
            resolver.Resolve(new AwsOptions(), AwsServices.CloudWatch));
        Assert.Equal(new AwsEndpoint(new Uri("http://all:2/"), "AWS_ENDPOINT_URL"),
            resolver.Resolve(new AwsOptions(), AwsServices.SageMaker));
    }

    [Fact]
    public void Resolve_OptionAndVariable_OptionWins()
    {
        var resolver = Resolver(("AWS_ENDPOINT_URL_SAGEMAKER", "http://env:1/"));
        var options = new AwsOptions { SageMakerServiceUrl = "http://127.0.0.1:5080" };

        Assert.Equal(new AwsEndpoint(new Uri("http://127.0.0.1:5080/"), "Aws:SageMakerServiceUrl"),
            resolver.Resolve(options, AwsServices.SageMaker));
    }

    [Fact]
    public void Resolve_IgnoreConfiguredEndpointUrls_SkipsVariables()
    {
        var resolver = Resolver(("AWS_ENDPOINT_URL", "http://all:2/"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.Equal("default", resolver.Resolve(new AwsOptions(), AwsServices.CloudWatch).Source);
    }

    [Fact]
    public void FindS3Override_OptionThenServiceVariableThenGlobal()
    {
        var both = Resolver(("AWS_ENDPOINT_URL_S3", "http://s3:1/"), ("AWS_ENDPOINT_URL", "http://all:2/"));

        Assert.Equal(("Aws:S3ServiceUrl", "http://127.0.0.1:4566"),
            both.FindS3Override(new AwsOptions { S3ServiceUrl = " http://127.0.0.1:4566 " }));
        Assert.Equal(("AWS_ENDPOINT_URL_S3", "http://s3:1/"), both.FindS3Override(new AwsOptions()));
        Assert.Equal(("AWS_ENDPOINT_URL", "http://all:2/"), Resolver(("AWS_ENDPOINT_URL", "http://all:2/")).FindS3Override(new AwsOptions()));
        Assert.Null(Resolver().FindS3Override(new AwsOptions()));
    }
}
