using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.Faults;

/// <summary>
/// Turns <see cref="SimulatorFaults"/> decisions into replies: the dispatcher asks before authenticating (outages: a
/// service that is down checks nothing), after authenticating (everything else), and after the operation ran
/// (malformed bodies are a cut-short real reply).
/// </summary>
public sealed class FaultInjector(SimulatorFaults faults, TimeProvider time)
{
    /// <summary>How long a "timeout" holds a request: longer than any sensible client timeout (the SDKs' is 100 s).</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(100);

    public void ThrowIfOutage(AwsService service)
    {
        if (faults.InOutage(service))
        {
            throw new AwsErrorException("ServiceUnavailable", "Service Unavailable", 503, senderFault: false);
        }
    }

    /// <summary>Waits and/or throws as the settings say; true when the reply must be sent malformed.</summary>
    public async ValueTask<bool> BeforeOperationAsync(AwsService service, CancellationToken cancellationToken)
    {
        var (kind, delay) = faults.Next(service);
        if (delay > TimeSpan.Zero)
        {
            var slow = Task.Delay(delay, time, cancellationToken);
            faults.RecordSlowed();
            await slow;
        }
        if (kind == FaultKind.Timeout)
        {
            // Held on the simulator's clock and abandoned with the connection: the client's timeout decides.
            var hold = Task.Delay(Hold, time, cancellationToken);
            faults.Record(kind);
            await hold;
            return false;
        }
        faults.Record(kind);
        return kind switch
        {
            FaultKind.ExpiredCredentials => throw new AwsErrorException("ExpiredTokenException",
                "The security token included in the request is expired", 400, queryCode: "ExpiredToken"),
            FaultKind.Throttle => throw new AwsErrorException("ThrottlingException", "Rate exceeded", 400, queryCode: "Throttling"),
            FaultKind.ServerError => throw (service == AwsService.CloudWatch
                ? AwsErrorException.Internal("InternalServiceError", "Internal service error.")
                : AwsErrorException.Internal("InternalFailure", "We encountered an internal error. Please try again.")),
            FaultKind.Malformed => true,
            _ => false,
        };
    }

    /// <summary>The first half of a JSON reply: a proper prefix of an object is never valid JSON.</summary>
    public static byte[] Truncate(byte[] reply) => reply.Length < 4 ? "{\""u8.ToArray() : reply[..(reply.Length / 2)];
}
