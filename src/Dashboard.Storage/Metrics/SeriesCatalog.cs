using System.Collections.Concurrent;
using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Process-wide cache of series ids. Series rows are never deleted or re-keyed, so a cached id stays valid;
/// the writer only adds ids after its transaction commits.
/// </summary>
public sealed class SeriesCatalog
{
    private readonly ConcurrentDictionary<SeriesKey, long> _ids = new();

    public bool TryGetId(SeriesKey key, out long id) => _ids.TryGetValue(key, out id);

    internal void Remember(SeriesKey key, long id) => _ids[key] = id;

    internal static void Validate(SeriesKey? key)
    {
        if (key is null)
        {
            throw new ArgumentException("A batch has no series key.");
        }
        if (string.IsNullOrWhiteSpace(key.Namespace) || string.IsNullOrWhiteSpace(key.MetricName)
            || string.IsNullOrWhiteSpace(key.Stat) || key.Dimensions is null || key.Period <= 0)
        {
            throw new ArgumentException($"Invalid series key '{key}': namespace, metric name and stat are required and the period must be positive.");
        }
    }
}
