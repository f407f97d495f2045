namespace Dashboard.Simulator.Wire;

/// <summary>
/// Checks a request's credentials before its operation runs. The default accepts everything; a SigV4 verifier
/// (keyed by SimulatorOptions.AccessKeyId/SecretAccessKey) replaces it through DI. It gets the raw body because
/// SigV4 signs the payload hash. Throw <see cref="AwsErrorException"/> (e.g. 403 InvalidSignatureException) to refuse.
/// </summary>
public interface IAwsRequestAuthenticator
{
    ValueTask AuthenticateAsync(HttpContext context, AwsService service, ReadOnlyMemory<byte> body);
}

/// <summary>Accepts any (or no) Authorization header.</summary>
public sealed class AcceptAllAuthenticator : IAwsRequestAuthenticator
{
    public ValueTask AuthenticateAsync(HttpContext context, AwsService service, ReadOnlyMemory<byte> body) => ValueTask.CompletedTask;
}
