using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Auth;

/// <summary>The simulator's refusals over HTTP, for requests signed (or not) the ways clients get it wrong.</summary>
public sealed class SigV4AuthenticationTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string SignatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private SimulatorHost Host => fixture.Host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("monitoring")]
    [InlineData("sagemaker")]
    public async Task SigV4SigningHandler_AsTheDashboardSigns_Accepted(string service)
    {
        // Exactly the dashboard's handler: the machine's clock, not the simulator's pinned one.
        using var client = new HttpClient(new SigV4SigningHandler(new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials("AKIDSIMULATOR", "simulator-secret"),
            Region = RegionEndpoint.USEast1,
            Service = service,
        }, new SocketsHttpHandler { AllowAutoRedirect = false }))
        { BaseAddress = Host.BaseAddress };

        var response = service == "monitoring" ? await Host.ListMetricsAsync(client) : await Host.ListEndpointsAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignedRequest_CloudWatchAndSageMaker_Accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await Host.ListMetricsAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.ListEndpointsAsync()).StatusCode);
    }

    [Fact]
    public async Task Unsigned_SageMaker_MissingAuthenticationToken()
    {
        using var client = Host.CreateUnsignedClient();

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.BadRequest,
            "MissingAuthenticationTokenException");

        Assert.Equal("Missing Authentication Token", message);
    }

    [Fact]
    public async Task Unsigned_CloudWatch_MissingAuthenticationTokenWithQueryErrorHeader()
    {
        using var client = Host.CreateUnsignedClient();

        await SimulatorHost.AssertErrorAsync(await Host.ListMetricsAsync(client), HttpStatusCode.BadRequest,
            "MissingAuthenticationTokenException", "MissingAuthenticationToken;Sender");
    }

    [Fact]
    public async Task WrongSecret_InvalidSignatureException()
    {
        using var client = Host.CreateClient(new Signer { SecretAccessKey = "not-the-secret" });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");

        Assert.Equal(SignatureMismatch, message);
    }

    [Fact]
    public async Task WrongSecret_CloudWatch_SignatureDoesNotMatchQueryCode()
    {
        using var client = Host.CreateClient(new Signer { SecretAccessKey = "not-the-secret" });

        await SimulatorHost.AssertErrorAsync(await Host.ListMetricsAsync(client), HttpStatusCode.Forbidden,
            "InvalidSignatureException", "SignatureDoesNotMatch;Sender");
    }

    [Fact]
    public async Task WrongAccessKey_UnrecognizedClientException()
    {
        using var client = Host.CreateClient(new Signer { AccessKeyId = "AKIDSOMEONEELSE" });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListMetricsAsync(client), HttpStatusCode.Forbidden,
            "UnrecognizedClientException", "InvalidClientTokenId;Sender");

        Assert.Equal("The security token included in the request is invalid.", message);
    }

    [Fact]
    public async Task WrongRegion_InvalidSignatureNamingTheExpectedScope()
    {
        using var client = Host.CreateClient(new Signer { Region = "eu-west-1" });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");

        Assert.Equal("Credential should be scoped to a valid region. Expected '20260304/us-east-1/sagemaker/aws4_request', " +
            "got '20260304/eu-west-1/sagemaker/aws4_request'.", message);
    }

    [Fact]
    public async Task CloudWatchSignedAsSageMaker_InvalidSignatureNamingTheService()
    {
        using var client = Host.CreateClient(new Signer { Service = "sagemaker" });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListMetricsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");

        Assert.Equal("Credential should be scoped to correct service: 'monitoring'. Expected '20260304/us-east-1/monitoring/aws4_request', " +
            "got '20260304/us-east-1/sagemaker/aws4_request'.", message);
    }

    [Fact]
    public async Task TamperedBody_HashHeaderDisagrees_InvalidSignatureException()
    {
        using var client = Host.CreateClient(new Signer { AfterSigning = Tamper });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");

        Assert.Equal(SignatureMismatch, message);
    }

    [Fact]
    public async Task TamperedBody_WithoutHashHeader_InvalidSignatureException()
    {
        using var client = Host.CreateClient(new Signer
        {
            AfterSigning = request =>
            {
                Tamper(request);
                request.Headers.Remove("X-Amz-Content-SHA256");
            },
        });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");

        Assert.Equal(SignatureMismatch, message);
    }

    [Fact]
    public async Task TamperedHeader_SignedTargetChanged_InvalidSignatureException()
    {
        using var client = Host.CreateClient(new Signer
        {
            AfterSigning = request =>
            {
                request.Headers.Remove("X-Amz-Target");
                request.Headers.TryAddWithoutValidation("X-Amz-Target", "SageMaker.DescribeEndpoint");
            },
        });

        await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");
    }

    [Fact]
    public async Task DateSixMinutesBehind_SignatureExpired()
    {
        using var client = Host.CreateClient(new Signer { Skew = TimeSpan.FromMinutes(-6) });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListMetricsAsync(client), HttpStatusCode.Forbidden,
            "InvalidSignatureException", "SignatureDoesNotMatch;Sender");

        Assert.Equal("Signature expired: 20260304T143100Z is now earlier than 20260304T143200Z (20260304T143700Z - 5 min.)", message);
    }

    [Fact]
    public async Task DateSixMinutesAhead_SignatureNotYetCurrent()
    {
        using var client = Host.CreateClient(new Signer { Skew = TimeSpan.FromMinutes(6) });

        var message = await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");

        Assert.Equal("Signature not yet current: 20260304T144300Z is still later than 20260304T144200Z (20260304T143700Z + 5 min.)", message);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(5)]
    public async Task DateFiveMinutesOff_Accepted(int minutes)
    {
        using var client = Host.CreateClient(new Signer { Skew = TimeSpan.FromMinutes(minutes) });

        Assert.Equal(HttpStatusCode.OK, (await Host.ListEndpointsAsync(client)).StatusCode);
    }

    [Fact]
    public async Task SessionTokenNotIssued_UnrecognizedClientException()
    {
        using var client = Host.CreateClient(new Signer { SessionToken = "FwoGZXIvYXdzEXAMPLE" });

        await SimulatorHost.AssertErrorAsync(await Host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "UnrecognizedClientException");
    }

    [Fact]
    public async Task SessionTokenConfigured_SignedWithIt_AcceptedAndWithoutIt_Refused()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.SessionToken = "FwoGZXIvYXdzEXAMPLE");
        using var withToken = host.CreateClient(new Signer { SessionToken = "FwoGZXIvYXdzEXAMPLE" });

        Assert.Equal(HttpStatusCode.OK, (await host.ListEndpointsAsync(withToken)).StatusCode);
        await SimulatorHost.AssertErrorAsync(await host.ListEndpointsAsync(), HttpStatusCode.Forbidden, "UnrecognizedClientException");
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00", "Authorization header requires 'Credential' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDSIMULATOR/20260304/us-east-1/sagemaker/aws4_request, SignedHeaders=host",
        "Authorization header requires 'Signature' parameter.")]
    [InlineData("Basic dXNlcjpwYXNz", "Unsupported authorization type: 'Basic'. The simulator accepts AWS4-HMAC-SHA256 only.")]
    public async Task IncompleteAuthorization_IncompleteSignatureException(string authorization, string expected)
    {
        using var client = Host.CreateUnsignedClient();
        var request = SimulatorHost.Request(SimulatorHost.SageMakerPrefix + "ListEndpoints", "{}");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260304T143700Z");

        var message = await SimulatorHost.AssertErrorAsync(await client.SendAsync(request, Token), HttpStatusCode.BadRequest, "IncompleteSignatureException");

        Assert.Equal(expected, message);
    }

    [Fact]
    public async Task HostNotSigned_IncompleteSignatureException()
    {
        using var client = Host.CreateUnsignedClient();
        var request = SimulatorHost.Request(SimulatorHost.SageMakerPrefix + "ListEndpoints", "{}");
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDSIMULATOR/20260304/us-east-1/sagemaker/aws4_request, SignedHeaders=x-amz-date, Signature=00");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260304T143700Z");

        var message = await SimulatorHost.AssertErrorAsync(await client.SendAsync(request, Token), HttpStatusCode.BadRequest, "IncompleteSignatureException");

        Assert.Equal("'Host' must be a 'SignedHeader' in the AWS Authorization.", message);
    }

    [Fact]
    public async Task VerifySignaturesOff_UnsignedAccepted()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.VerifySignatures = false);
        using var client = host.CreateUnsignedClient();

        Assert.Equal(HttpStatusCode.OK, (await host.ListEndpointsAsync(client)).StatusCode);
    }

    private static void Tamper(HttpRequestMessage request)
    {
        var content = new StringContent("{\"MaxResults\":1}", Encoding.UTF8);
        content.Headers.ContentType = request.Content!.Headers.ContentType;
        request.Content = content;
    }
}
