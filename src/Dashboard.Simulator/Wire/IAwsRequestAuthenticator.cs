namespace Dashboard.Simulator.Wire;

/// <summary>
/// Checks a request's credentials before its operation runs: <see cref="Auth.SigV4Authenticator"/> by default,
/// <see cref="AcceptAllAuthenticator"/> with Simulator:VerifySignatures=false. It gets the raw body because
/// SigV4 signs the payload hash. Throw <see cref="AwsErrorException"/> (e.g. 403 InvalidSignatureException) to refuse.
/// </summary>
public interface IAwsRequestAuthenticator
{
    ValueTask AuthenticateAsync(HttpContext context, AwsService service, ReadOnlyMemory<byte> body);
}

/// <summary>Accepts any (or no) Authorization header: for tools that cannot sign.</summary>
public sealed class AcceptAllAuthenticator : IAwsRequestAuthenticator
{
    public ValueTask AuthenticateAsync(HttpContext context, AwsService service, ReadOnlyMemory<byte> body) => ValueTask.CompletedTask;
}
