namespace Dashboard.Storage.Metrics;

/// <summary>Chunks cover one UTC day: small enough to rewrite on every poll, big enough to compress well.</summary>
public static class ChunkDays
{
    public const long Length = 86_400;

    public static long StartOf(long time)
    {
        var day = time / Length;
        if (time % Length < 0)
        {
            day--;
        }
        return day * Length;
    }
}
