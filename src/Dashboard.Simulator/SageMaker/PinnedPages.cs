using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.SageMaker;

/// <summary>
/// Pagination for listings that change with time (executions appear and finish): the first page pins the moment it
/// was listed at in its token, so every later page pages through that same listing and no item is skipped or repeated.
/// </summary>
internal static class PinnedPages
{
    /// <summary>The moment to list at and the offset to start from; a token from another query is refused as SageMaker refuses it.</summary>
    public static (DateTimeOffset AsOf, int Offset) Resolve(string? token, string fingerprint, DateTimeOffset now)
    {
        if (token is null)
        {
            return (now, 0);
        }
        if (!PageToken.TryDecode<Cursor>(token, out var cursor) || cursor!.F != fingerprint || cursor.O < 0)
        {
            throw SageMakerValidation.Error("Invalid pagination token because the token is not valid or has expired.");
        }
        return (new DateTimeOffset(cursor.T, TimeSpan.Zero), cursor.O);
    }

    /// <summary>One page of <paramref name="ordered"/> and the token of the next, if any.</summary>
    public static (List<T> Page, string? NextToken) Take<T>(IReadOnlyList<T> ordered, int offset, int maxResults, string fingerprint,
        DateTimeOffset asOf)
    {
        var page = ordered.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count < ordered.Count
            ? PageToken.Encode(new Cursor(fingerprint, offset + page.Count, asOf.UtcTicks))
            : null;
        return (page, next);
    }

    private sealed record Cursor(string F, int O, long T);
}
