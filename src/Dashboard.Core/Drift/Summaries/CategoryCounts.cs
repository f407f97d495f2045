using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dashboard.Core.Drift.Summaries;

/// <summary>
/// How often each value of a categorical feature was seen. At most <see cref="MaxCategories"/> values are named; the
/// rest count under <see cref="Other"/>, so a feature of free text cannot grow a summary past its size budget.
/// </summary>
public sealed class CategoryCounts
{
    public const int MaxCategories = 64;
    public const int MaxLength = 64;
    public const string Other = "(other)";

    private readonly Dictionary<string, long> _counts;
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public CategoryCounts()
    {
        _counts = new Dictionary<string, long>(StringComparer.Ordinal);
        _bySpan = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long Total { get; private set; }

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Counts a value given as characters: a string is made only the first time the value is seen.</summary>
    public void Add(ReadOnlySpan<char> value)
    {
        var key = value.Length > MaxLength ? value[..MaxLength] : value;
        // One lookup for a value seen before (the common case: a feature has a handful of categories).
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_bySpan, key);
        if (!Unsafe.IsNullRef(ref count))
        {
            count++;
            Total++;
            return;
        }
        Add(key.ToString());
    }

    public void Add(string value, long count = 1)
    {
        if (count <= 0)
        {
            return;
        }
        var key = value.Length > MaxLength ? value[..MaxLength] : value;
        if (!_counts.ContainsKey(key) && _counts.Count >= MaxCategories)
        {
            key = Other;
        }
        _counts[key] = _counts.GetValueOrDefault(key) + count;
        Total += count;
    }

    public void Merge(CategoryCounts other)
    {
        foreach (var (value, count) in other._counts)
        {
            Add(value, count);
        }
    }
}
