using System.Runtime.CompilerServices;
using Dashboard.Core.Audit;

namespace Dashboard.Web.Tests.Audit;

/// <summary>Remembers what the page asked for and answers from a fixed list (filters are the storage tests' job).</summary>
internal sealed class FakeAuditQueries : IAuditQueries
{
    public List<(AuditFilter Filter, int Limit, int Offset)> Searches { get; } = [];
    public List<(string Endpoint, DateTimeOffset Since, int Limit)> EndpointReads { get; } = [];
    public IReadOnlyList<AuditRecord> Records { get; set; } = [];
    public long Total { get; set; }
    public AuditVerification Verification { get; set; } = new(true, 0, null, "Chain intact: 0 records.");
    public int Verifications { get; private set; }

    public Task<IReadOnlyList<AuditRecord>> SearchAsync(AuditFilter filter, int limit, int offset = 0, long? beforeSequence = null,
        CancellationToken cancellationToken = default)
    {
        Searches.Add((filter, limit, offset));
        return Task.FromResult(Records);
    }

    public Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken = default) =>
        Task.FromResult(Total == 0 ? Records.Count : Total);

    public async IAsyncEnumerable<AuditRecord> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var record in Records)
        {
            yield return record;
        }
    }

    public Task<IReadOnlyList<AuditRecord>> ForEndpointAsync(string endpoint, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        EndpointReads.Add((endpoint, since, limit));
        return Task.FromResult(Records);
    }

    public Task<IReadOnlyList<AuditAnnotation>> AnnotationsAsync(string endpoint, DateTimeOffset from, DateTimeOffset to, int limit = 200,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AuditAnnotation>>([]);

    public Task<AuditVerification> VerifyAsync(AuditHead? noted = null, CancellationToken cancellationToken = default)
    {
        Verifications++;
        NotedHeads.Add(noted);
        return Task.FromResult(Verification);
    }

    public List<AuditHead?> NotedHeads { get; } = [];

    public Task<AuditHead?> HeadAsync(CancellationToken cancellationToken = default) => Task.FromResult<AuditHead?>(null);
}

internal static class AuditTestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static AuditRecord Record(long sequence, string actor = "ana", string action = AuditActions.AlarmUpdate,
        string target = "p99-latency", string? endpoint = "fraud-detector", string? before = """{"threshold":200}""",
        string? after = """{"threshold":250}""") =>
        new(sequence, Start.AddMinutes(sequence), actor, "10.0.0.5", action, target, endpoint, before, after, new string('0', 64), new string('1', 64));
}
