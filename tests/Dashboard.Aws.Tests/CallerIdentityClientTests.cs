using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Core;

namespace Dashboard.Aws.Tests;

public sealed class CallerIdentityClientTests : IAsyncLifetime
{
    private const string Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private const string RoleArn = "arn:aws:iam::210987654321:role/DashboardReader";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ScriptedReply Xml(string body, int status = 200) =>
        new(status, body, new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-sts" }, ContentType: "text/xml");

    private static ScriptedReply Identity(string arn) => Xml($"""
        <GetCallerIdentityResponse xmlns="{Ns}"><GetCallerIdentityResult><Arn>{arn}</Arn><UserId>AIDAEXAMPLE</UserId>
        <Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>req-sts</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """);

    [Fact]
    public async Task GetCallerIdentity_SignedQueryRequest_ReturnsAccountArnAndUserId()
    {
        _server.Enqueue(Identity("arn:aws:iam::123456789012:user/ops"));
        using var host = new AwsTestHost(_server);

        var identity = await host.Identity.GetCallerIdentityAsync(Ct);

        Assert.Equal(new("123456789012", "arn:aws:iam::123456789012:user/ops", "AIDAEXAMPLE"), identity);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Contains("Action=GetCallerIdentity", request.Body);
        Assert.Contains("Version=2011-06-15", request.Body);
        var auth = SigV4Verifier.Parse(request.Header("Authorization"));
        Assert.Equal((AwsTestHost.AccessKeyId, AwsTestHost.Region, "sts"), (auth.AccessKeyId, auth.Region, auth.Service));
        Assert.Equal(1, host.Stats.Get("STS", "GetCallerIdentity")!.Calls);
    }

    [Fact]
    public async Task GetCallerIdentity_ErrorResponse_AwsServiceExceptionWithCodeAndRequestId()
    {
        _server.Enqueue(Xml($"""
            <ErrorResponse xmlns="{Ns}"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
            <Message>The security token included in the request is invalid.</Message></Error><RequestId>req-denied</RequestId></ErrorResponse>
            """, 403));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.Identity.GetCallerIdentityAsync(Ct));

        Assert.Equal(("STS", "InvalidClientTokenId", 403, "req-denied"), (error.Service, error.ErrorCode, error.StatusCode, error.RequestId));
        Assert.Equal(1, host.Stats.Get("STS", "GetCallerIdentity")!.Failures);
    }

    [Fact]
    public async Task RoleArn_AssumesRoleOverBaseKeys_ThenSignsWithTheTemporaryCredentials()
    {
        _server.Enqueue(Xml($"""
            <AssumeRoleResponse xmlns="{Ns}"><AssumeRoleResult>
            <AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:ops</AssumedRoleId><Arn>arn:aws:sts::210987654321:assumed-role/DashboardReader/ops</Arn></AssumedRoleUser>
            <Credentials><AccessKeyId>ASIATEMPORARY</AccessKeyId><SecretAccessKey>temp-secret</SecretAccessKey><SessionToken>temp-token</SessionToken>
            <Expiration>{DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}</Expiration></Credentials>
            </AssumeRoleResult><ResponseMetadata><RequestId>req-assume</RequestId></ResponseMetadata></AssumeRoleResponse>
            """), Identity("arn:aws:sts::210987654321:assumed-role/DashboardReader/ops"));
        using var host = new AwsTestHost(_server, o => (o.RoleArn, o.RoleSessionName) = (RoleArn, "ops"));

        var identity = await host.Identity.GetCallerIdentityAsync(Ct);

        Assert.Equal("arn:aws:sts::210987654321:assumed-role/DashboardReader/ops", identity.Arn);
        var (assume, call) = (_server.Requests[0], _server.Requests[1]);
        Assert.Contains("Action=AssumeRole", assume.Body);
        Assert.Contains("RoleArn=" + Uri.EscapeDataString(RoleArn), assume.Body);
        Assert.Contains("RoleSessionName=ops", assume.Body);
        Assert.Equal(AwsTestHost.AccessKeyId, SigV4Verifier.Parse(assume.Header("Authorization")).AccessKeyId);
        Assert.Equal("ASIATEMPORARY", SigV4Verifier.Parse(call.Header("Authorization")).AccessKeyId);
        Assert.Equal("temp-token", call.Header("X-Amz-Security-Token"));
        Assert.Equal(SigV4Verifier.Parse(call.Header("Authorization")).Signature, SigV4Verifier.ComputeSignature(call, "temp-secret"));
    }
}
