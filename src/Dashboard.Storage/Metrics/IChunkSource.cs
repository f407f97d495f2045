using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>One stored day row (a minute chunk or a tier's) of the key at <see cref="KeyIndex"/>; <see cref="Offset"/> is where its points start in
/// that key's result.</summary>
public readonly record struct StoredChunk(int KeyIndex, long Start, int Count, int Offset, byte[] Payload);

/// <summary>The chunk scan under every chart, in each provider's fastest form.</summary>
public interface IChunkSource
{
    /// <summary>The day rows overlapping [from, to) of every key, grouped by key in key order, oldest first, all from one
    /// snapshot of the database: the minute chunks when <paramref name="tier"/> is null, else that tier's rows
    /// (<see cref="SeriesRollup"/>, <see cref="StoredChunk.Count"/> buckets each).</summary>
    Task<List<StoredChunk>> ReadAsync(SeriesKey[] keys, long from, long to, int? tier, CancellationToken cancellationToken);

    /// <summary>The start of the oldest day chunk of any series of the endpoint, or null.</summary>
    Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken);
}
