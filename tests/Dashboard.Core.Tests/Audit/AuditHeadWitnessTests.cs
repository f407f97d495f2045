using Dashboard.Core.Audit;
using Dashboard.Core.Tests.Workers;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Core.Tests.Audit;

public sealed class AuditHeadWitnessTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
    private static readonly AuditHead Head = new(7, new string('a', 64));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_ReadingTheHeadFails_TriesAgainWithinSecondsAndLogsTheHeadThen()
    {
        var clock = new WatchedClock(Start);
        var audit = new FakeAuditQueries { HeadFailure = new InvalidOperationException("database is locked") };
        var logger = new FakeLogger<AuditHeadWitness>();
        using var witness = new AuditHeadWitness(audit, clock, logger);
        await witness.StartAsync(Ct);

        var retry = await clock.NextWaitAsync(Ct);
        (audit.HeadFailure, audit.Head) = (null, Head);
        clock.Advance(retry);

        Assert.InRange(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(10), await clock.NextWaitAsync(Ct));
        Assert.Equal([(LogLevel.Warning, "database is locked"), (LogLevel.Information, $"Audit trail head {Head}")],
            logger.Collector.GetSnapshot().Select(r => (r.Level, r.Exception?.Message ?? r.Message)));
    }
}
