using System.Net;
using System.Xml.Linq;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Sts;

/// <summary>STS over awsQuery: form-encoded, signed as "sts" with AWSSDK.Core's signer, answered in XML.</summary>
public sealed class StsQueryWireTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    private SimulatorHost Host => fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Sts(Signer? signer = null) => Host.CreateClient((signer ?? new Signer()) with { Service = "sts" });

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, params (string Name, string Value)[] form) =>
        client.PostAsync("/", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))), Ct);

    private static Task<HttpResponseMessage> CallerIdentityAsync(HttpClient client) =>
        PostAsync(client, ("Action", "GetCallerIdentity"), ("Version", "2011-06-15"));

    private static async Task<XElement> ReadXmlAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(body).Root!;
    }

    [Fact]
    public async Task GetCallerIdentity_Signed_SimulatorUserInTheConfiguredAccount()
    {
        var response = await CallerIdentityAsync(Sts());
        var root = await ReadXmlAsync(response, HttpStatusCode.OK);

        Assert.Equal(Ns + "GetCallerIdentityResponse", root.Name);
        var result = root.Element(Ns + "GetCallerIdentityResult")!;
        Assert.Equal("arn:aws:iam::123456789012:user/simulator", result.Element(Ns + "Arn")!.Value);
        Assert.Equal("AIDASIMULATOR", result.Element(Ns + "UserId")!.Value);
        Assert.Equal("123456789012", result.Element(Ns + "Account")!.Value);
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(),
            root.Element(Ns + "ResponseMetadata")!.Element(Ns + "RequestId")!.Value);
    }

    [Fact]
    public async Task GetCallerIdentity_Unsigned_MissingAuthenticationTokenErrorResponse()
    {
        var root = await ReadXmlAsync(await CallerIdentityAsync(Host.CreateUnsignedClient()), HttpStatusCode.BadRequest);

        AssertError(root, "MissingAuthenticationToken");
    }

    [Fact]
    public async Task GetCallerIdentity_WrongSecret_SignatureDoesNotMatch()
    {
        var root = await ReadXmlAsync(await CallerIdentityAsync(Sts(new Signer { SecretAccessKey = "wrong" })), HttpStatusCode.Forbidden);

        AssertError(root, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task GetCallerIdentity_SignedForAnotherService_SignatureDoesNotMatch()
    {
        var root = await ReadXmlAsync(await CallerIdentityAsync(Host.CreateClient(new Signer { Service = "sagemaker" })),
            HttpStatusCode.Forbidden);

        AssertError(root, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task UnknownAction_InvalidAction()
    {
        var root = await ReadXmlAsync(await PostAsync(Sts(), ("Action", "GetSessionToken"), ("Version", "2011-06-15")),
            HttpStatusCode.BadRequest);

        AssertError(root, "InvalidAction");
    }

    [Fact]
    public async Task AssumeRole_TemporaryCredentialsAreAcceptedByEveryService()
    {
        var response = await PostAsync(Sts(), ("Action", "AssumeRole"), ("Version", "2011-06-15"),
            ("RoleArn", "arn:aws:iam::123456789012:role/DashboardReader"), ("RoleSessionName", "ops"));
        var result = (await ReadXmlAsync(response, HttpStatusCode.OK)).Element(Ns + "AssumeRoleResult")!;
        var credentials = result.Element(Ns + "Credentials")!;
        var temporary = new Signer
        {
            AccessKeyId = credentials.Element(Ns + "AccessKeyId")!.Value,
            SecretAccessKey = credentials.Element(Ns + "SecretAccessKey")!.Value,
            SessionToken = credentials.Element(Ns + "SessionToken")!.Value,
        };

        Assert.StartsWith("ASIA", temporary.AccessKeyId);
        Assert.True(DateTimeOffset.Parse(credentials.Element(Ns + "Expiration")!.Value) > DateTimeOffset.UtcNow);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/DashboardReader/ops",
            result.Element(Ns + "AssumedRoleUser")!.Element(Ns + "Arn")!.Value);
        var identity = (await ReadXmlAsync(await CallerIdentityAsync(Sts(temporary)), HttpStatusCode.OK))
            .Element(Ns + "GetCallerIdentityResult")!;
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/DashboardReader/ops", identity.Element(Ns + "Arn")!.Value);
        Assert.Equal(HttpStatusCode.OK, (await Host.ListEndpointsAsync(Host.CreateClient(temporary))).StatusCode);
        // The session token is part of the credentials: without it the key is not recognised.
        var noToken = await Host.ListEndpointsAsync(Host.CreateClient(temporary with { SessionToken = null }));
        await SimulatorHost.AssertErrorAsync(noToken, HttpStatusCode.Forbidden, "UnrecognizedClientException");
    }

    [Fact]
    public async Task AssumeRole_NotARoleArn_ValidationError()
    {
        var root = await ReadXmlAsync(await PostAsync(Sts(), ("Action", "AssumeRole"), ("Version", "2011-06-15"),
            ("RoleArn", "arn:aws:iam::123456789012:user/ops"), ("RoleSessionName", "ops")), HttpStatusCode.BadRequest);

        AssertError(root, "ValidationError");
    }

    private static void AssertError(XElement root, string code)
    {
        Assert.Equal(Ns + "ErrorResponse", root.Name);
        var error = root.Element(Ns + "Error")!;
        Assert.Equal("Sender", error.Element(Ns + "Type")!.Value);
        Assert.Equal(code, error.Element(Ns + "Code")!.Value);
        Assert.False(string.IsNullOrEmpty(error.Element(Ns + "Message")!.Value));
        Assert.False(string.IsNullOrEmpty(root.Element(Ns + "RequestId")!.Value));
    }
}
