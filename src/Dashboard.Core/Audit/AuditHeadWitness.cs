using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Audit;

/// <summary>
/// Writes the audit trail's head to the log whenever it has moved, checked every ten seconds: logs shipped off the
/// machine then hold heads that <c>verify-audit --head</c> (or the Audit page) checks the trail against, so the newest
/// records cannot be removed, nor the chain re-sealed after an edit, without it showing.
/// </summary>
public sealed partial class AuditHeadWitness(IAuditQueries audit, TimeProvider timeProvider, ILogger<AuditHeadWitness> logger)
    : PeriodicWorker(timeProvider, logger)
{
    private AuditHead? _written;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(10);

    protected override string Work => "Reading the audit trail's head";

    /// <summary>Logs the head when it differs from the one last written; returns the current head.</summary>
    public async Task<AuditHead?> WitnessAsync(CancellationToken cancellationToken)
    {
        var head = await audit.HeadAsync(cancellationToken);
        if (head is not null && head != _written)
        {
            LogHead(logger, head.ToString());
            _written = head;
        }
        return head;
    }

    protected override Task RunAsync(CancellationToken cancellationToken) => WitnessAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit trail head {Head}")]
    private static partial void LogHead(ILogger logger, string head);
}
