using System.Runtime.CompilerServices;
using Dashboard.Core.Audit;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Remembers what it was asked for and answers from a fixed list (filters are the storage tests' job); the head is
/// <see cref="Head"/>, or <see cref="HeadFailure"/> thrown while that is set.
/// </summary>
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

    public AuditHead? Head { get; set; }

    public Exception? HeadFailure { get; set; }

    public Task<AuditHead?> HeadAsync(CancellationToken cancellationToken = default) =>
        HeadFailure is null ? Task.FromResult(Head) : Task.FromException<AuditHead?>(HeadFailure);
}
