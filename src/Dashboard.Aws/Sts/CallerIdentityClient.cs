using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Dashboard.Aws.S3;
using Dashboard.Core.Connection;

namespace Dashboard.Aws.Sts;

/// <summary>STS GetCallerIdentity over AWSSDK.SecurityToken; every failure is an <see cref="Dashboard.Core.AwsServiceException"/>.</summary>
public sealed class CallerIdentityClient : ICallerIdentityClient, IDisposable
{
    internal const string ServiceName = "STS";
    private const string Operation = "GetCallerIdentity";

    private readonly Lazy<IAmazonSecurityTokenService> _client;
    private readonly AwsCallStats _stats;
    private readonly TimeProvider _timeProvider;

    /// <param name="createClient">Called on the first request, so the app starts without credentials or network.</param>
    internal CallerIdentityClient(Func<IAmazonSecurityTokenService> createClient, AwsCallStats stats, TimeProvider timeProvider)
    {
        _client = new Lazy<IAmazonSecurityTokenService>(createClient);
        _stats = stats;
        _timeProvider = timeProvider;
    }

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        _stats.RecordCall(ServiceName, Operation);
        try
        {
            var reply = await _client.Value.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            return new CallerIdentity(reply.Account ?? "", reply.Arn ?? "", reply.UserId ?? "");
        }
        catch (Exception ex) when (S3Errors.Map(ServiceName, Operation, ex, cancellationToken) is { } mapped)
        {
            _stats.RecordFailure(ServiceName, Operation, mapped.ErrorCode, _timeProvider.GetUtcNow());
            throw mapped;
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
