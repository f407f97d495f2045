using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Audit;

/// <summary>
/// Writes the audit trail's head to the log whenever it has moved, checked every <see cref="Interval"/>: logs shipped off
/// the machine then hold heads that <c>verify-audit --head</c> (or the Audit page) checks the trail against, so the
/// newest records cannot be removed, nor the chain re-sealed after an edit, without it showing.
/// </summary>
public sealed partial class AuditHeadWitness(IAuditQueries audit, TimeProvider timeProvider, ILogger<AuditHeadWitness> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private AuditHead? _written;

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WitnessAsync(stoppingToken);
                await Task.Delay(Interval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
                await Task.Delay(Interval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit trail head {Head}")]
    private static partial void LogHead(ILogger logger, string head);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the audit trail's head failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
