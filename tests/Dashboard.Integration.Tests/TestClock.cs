namespace Dashboard.Integration.Tests;

/// <summary>
/// The pinned moments every test uses: a Wednesday afternoon (UTC). "Now" is 20 minutes after the anchor, inside
/// search-embeddings' 5XX burst (anchor − 20 min … anchor + 25 min); the day before is a weekday too, so the
/// seasonal baseline has a matching day to learn from.
/// </summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Anchor = new(2026, 3, 4, 14, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 14, 20, 0, TimeSpan.Zero);
    public const int Seed = 42;
}
