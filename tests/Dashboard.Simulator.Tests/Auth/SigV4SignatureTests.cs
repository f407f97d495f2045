using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Dashboard.Simulator.Auth;
using Dashboard.Simulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Simulator.Tests.Auth;

/// <summary>The verifier's arithmetic against AWS's published vectors and against AWSSDK.Core's signer, without a server.</summary>
public sealed class SigV4SignatureTests
{
    // AWS's SigV4 test suite, "get-vanilla", and the signing-key example from the SigV4 documentation.
    private const string ExampleAccessKey = "AKIDEXAMPLE";
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly AwsService VanillaService = new("Vanilla", "service", "Vanilla.", "application/json", QueryCompatible: false);

    [Fact]
    public void SigningKey_AwsDocumentationExample_Matches()
    {
        var key = SigV4Signature.SigningKey(ExampleSecret, "20120215", "us-east-1", "iam");

        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Signature_GetVanillaVector_Matches()
    {
        var canonical = SigV4Signature.CanonicalRequest("GET", SigV4Signature.CanonicalUri("/"), SigV4Signature.CanonicalQuery(""),
            [("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z")], "host;x-amz-date", SigV4Signature.Sha256Hex([]));
        var stringToSign = SigV4Signature.StringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical);

        var signature = SigV4Signature.Signature(SigV4Signature.SigningKey(ExampleSecret, "20150830", "us-east-1", "service"), stringToSign);

        Assert.EndsWith("\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", stringToSign);
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }

    [Fact]
    public async Task Authenticate_GetVanillaRequest_Accepted()
    {
        var context = Context("GET", "/", "", ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
                "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));

        await Authenticator(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero)).AuthenticateAsync(context, VanillaService, ReadOnlyMemory<byte>.Empty);
    }

    [Fact]
    public async Task Authenticate_GetVanillaWithOneDigitChanged_InvalidSignature()
    {
        var context = Context("GET", "/", "", ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
                "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30"));

        var error = await Assert.ThrowsAsync<AwsErrorException>(() =>
            Authenticator(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero)).AuthenticateAsync(context, VanillaService, ReadOnlyMemory<byte>.Empty).AsTask());

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Equal(403, error.StatusCode);
    }

    [Theory]
    [InlineData("/", "")]
    [InlineData("/", "?b=2&a=1&a=0")]
    [InlineData("/some%20path/with~tilde", "")]
    [InlineData("/caf%C3%A9/a%2Bb", "?q=a%20b&empty=&x=%2F%3D")]
    [InlineData("/service/GraniteServiceVersion20100801/operation/GetMetricData", "")]
    public async Task Authenticate_SignedByAwsSdk_Accepted(string path, string query)
    {
        var now = new DateTimeOffset(2026, 3, 4, 14, 37, 0, TimeSpan.Zero);
        var body = "{\"EndpointName\":\"churn-prod\"}"u8.ToArray();
        var signing = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = new Uri("http://127.0.0.1:4566" + path + query),
            Content = body,
        };
        signing.Headers["Content-Type"] = "application/x-amz-json-1.1";
        signing.Headers["X-Amz-Target"] = "SageMaker.DescribeEndpoint";
        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials("AKIDSIMULATOR", "simulator-secret"),
            Region = RegionEndpoint.USEast1,
            Service = "sagemaker",
            SignedAt = now.UtcDateTime,
        });
        var headers = signed.Headers.Select(h => (h.Key, h.Value))
            .Concat([("Host", "127.0.0.1:4566"), ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "SageMaker.DescribeEndpoint")]);
        var context = Context("POST", path, query, [.. headers]);

        await Authenticator(now, "AKIDSIMULATOR", "simulator-secret").AuthenticateAsync(context, AwsService.SageMaker, body);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/documents%20and%20settings/", "/documents%2520and%2520settings/")]
    [InlineData("/a b", "/a%2520b")]
    public void CanonicalUri_NonS3_DoubleEncodesSegments(string raw, string expected) =>
        Assert.Equal(expected, SigV4Signature.CanonicalUri(raw));

    [Fact]
    public void CanonicalQuery_Unsorted_SortedByNameThenValueAndRfc3986Encoded() =>
        Assert.Equal("a=0&a=1&b=x%20y&c=", SigV4Signature.CanonicalQuery("?b=x%20y&a=1&c&a=0"));

    [Fact]
    public void CanonicalHeaderValue_SpacesAndRepeats_TrimmedCollapsedAndJoined() =>
        Assert.Equal("a b c,d", SigV4Signature.CanonicalHeaderValue(["  a   b c ", "d"]));

    [Fact]
    public async Task Authenticate_SignedNearHostClockWhileSimulatorClockIsPinned_Accepted()
    {
        // The dashboard's integration tests: the fleet runs on a fake clock, SigV4SigningHandler signs with the machine's.
        var host = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var context = SignedContext(host.AddMinutes(-3));

        await Authenticator(TestClock.Now, "AKIDSIMULATOR", "simulator-secret", host).AuthenticateAsync(context, AwsService.SageMaker, ReadOnlyMemory<byte>.Empty);
    }

    [Fact]
    public async Task Authenticate_FarFromBothClocks_SignatureExpiredAgainstTheSimulatorClock()
    {
        var context = SignedContext(TestClock.Now.AddMinutes(-6));

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => Authenticator(TestClock.Now, "AKIDSIMULATOR", "simulator-secret", TestClock.Now.AddDays(200))
            .AuthenticateAsync(context, AwsService.SageMaker, ReadOnlyMemory<byte>.Empty).AsTask());

        Assert.Equal("Signature expired: 20260304T143100Z is now earlier than 20260304T143200Z (20260304T143700Z - 5 min.)", error.Message);
    }

    private static HttpContext SignedContext(DateTimeOffset signedAt)
    {
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = new Uri("http://127.0.0.1:4566/"), Content = [] };
        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials("AKIDSIMULATOR", "simulator-secret"),
            Region = RegionEndpoint.USEast1,
            Service = "sagemaker",
            SignedAt = signedAt.UtcDateTime,
        });
        return Context("POST", "/", "", [("Host", "127.0.0.1:4566"), .. signed.Headers.Select(h => (h.Key, h.Value))]);
    }

    private static SigV4Authenticator Authenticator(DateTimeOffset now, string accessKey = ExampleAccessKey, string secret = ExampleSecret,
        DateTimeOffset? hostNow = null) =>
        new(Options.Create(new SimulatorOptions { AccessKeyId = accessKey, SecretAccessKey = secret }),
            new FakeTimeProvider(now), new FakeTimeProvider(hostNow ?? now));

    private static HttpContext Context(string method, string path, string query, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = PathString.FromUriComponent(path);
        context.Request.QueryString = new QueryString(query);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = path + query;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(""));
        return context;
    }
}
