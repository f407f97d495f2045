using Amazon.Runtime;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Aws.Tests;

public sealed class CredentialFailureTests : IAsyncLifetime
{
    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SigningHandler_CannotResolveCredentials_ThrowsCredentialsUnavailableWithoutRetry()
    {
        var handler = new ThrowingHandler(new AmazonClientException("Failed to resolve AWS credentials."));
        using var host = new AwsTestHost(_server, configureServices: services =>
            services.AddHttpClient(AwsServices.SageMaker.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.SageMaker.ListEndpointsAsync(new ListEndpointsRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(AwsErrorCodes.CredentialsUnavailable, error.ErrorCode);
        Assert.IsType<AmazonClientException>(error.InnerException);
        Assert.Equal(1, handler.Calls);
        Assert.Empty(_server.Requests);
    }

    private sealed class ThrowingHandler(Exception error) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            throw error;
        }
    }
}
