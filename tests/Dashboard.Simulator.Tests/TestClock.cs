namespace Dashboard.Simulator.Tests;

/// <summary>The pinned moments every test uses: a Wednesday afternoon (UTC), anchored at the top of the hour.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 14, 37, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Anchor = new(2026, 3, 4, 14, 0, 0, TimeSpan.Zero);
}
