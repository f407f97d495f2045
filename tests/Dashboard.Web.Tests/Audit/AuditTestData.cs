using Dashboard.Core.Audit;

namespace Dashboard.Web.Tests.Audit;

internal static class AuditTestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static AuditRecord Record(long sequence, string actor = "ana", string action = AuditActions.AlarmUpdate,
        string target = "p99-latency", string? endpoint = "fraud-detector", string? before = """{"threshold":200}""",
        string? after = """{"threshold":250}""") =>
        new(sequence, Start.AddMinutes(sequence), actor, "10.0.0.5", action, target, endpoint, before, after, new string('0', 64), new string('1', 64));
}
