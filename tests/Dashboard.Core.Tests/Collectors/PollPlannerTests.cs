using Dashboard.Core.Collectors;
using Dashboard.Core.Metrics;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

public sealed class PollPlannerTests
{
    private static readonly TimeSpan Trailing = TimeSpan.FromMinutes(10);
    private static readonly SeriesKey Invocations = Key(SageMakerMetrics.Invocations, "churn");
    private static readonly SeriesKey Latency = Key(SageMakerMetrics.ModelLatency, "churn", "p90");
    private static readonly SeriesKey Drift = DriftKey("churn");

    // Now is 2025-06-04 12:10:30; with two days of backfill the horizon is 2025-06-02 12:00.
    private static readonly long End = At(4, 12, 10);
    private static readonly long Oldest = At(2, 12);

    [Fact]
    public void Plan_EmptyCoverage_RecentWindowThenDayWindowsNewestFirst()
    {
        var plan = PollPlanner.Plan([Invocations], new Dictionary<SeriesKey, FetchedRange>(), Now, backfillDays: 2, Trailing);

        Assert.Equal(
            [(At(4, 11), End), (At(3, 11), At(4, 11)), (Oldest, At(3, 11))],
            plan.Select(w => (w.Start, w.End)));
        Assert.All(plan, w => Assert.Equal([Invocations], w.Series));
    }

    [Fact]
    public void Plan_RecentWindow_IsLastFullHourPlusCurrentUpToTheMinute()
    {
        var plan = PollPlanner.Plan([Invocations], new Dictionary<SeriesKey, FetchedRange>(),
            new DateTimeOffset(2025, 6, 4, 12, 59, 59, TimeSpan.Zero), backfillDays: 1, Trailing);

        Assert.Equal((At(4, 11), At(4, 12, 59)), (plan[0].Start, plan[0].End));
    }

    [Fact]
    public void Plan_DayWindows_ReachBackExactlyToTheBackfillHorizon()
    {
        var plan = PollPlanner.Plan([Invocations], new Dictionary<SeriesKey, FetchedRange>(), Now, backfillDays: 14, Trailing);

        Assert.Equal(At(4, 12, 10) - 14 * Day - 10 * Minute, plan[^1].Start);
        Assert.Equal(15, plan.Count); // the recent window, 13 whole days and the 23 hours back to the horizon
        Assert.All(plan.Skip(1), w => Assert.True(w.End - w.Start <= Day));
        for (var i = 1; i < plan.Count; i++)
        {
            Assert.Equal(plan[i - 1].Start, plan[i].End); // contiguous, newest first
        }
    }

    [Fact]
    public void Plan_MinuteSeriesCoveredToLastPoll_OnlyTheRecentWindow()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange>
        {
            [Invocations] = new(Oldest - Day, End - Minute),
            [Latency] = new(Oldest, End - 5 * Minute),
        };

        var plan = PollPlanner.Plan([Invocations, Latency], coverage, Now, backfillDays: 2, Trailing);

        var window = Assert.Single(plan);
        Assert.Equal((At(4, 11), End), (window.Start, window.End));
        Assert.Equal([Invocations, Latency], window.Series);
    }

    [Fact]
    public void Plan_MinuteSeriesCoveredUpToNow_StillRereadsTheTrailingWindow()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [Invocations] = new(Oldest, End) };

        var plan = PollPlanner.Plan([Invocations], coverage, Now, backfillDays: 2, Trailing);

        Assert.Equal([Invocations], Assert.Single(plan).Series);
    }

    [Fact]
    public void Plan_CoverageStartsAfterTheHorizon_FetchesOnlyTheMissingOlderDaysAndTheRecentWindow()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [Invocations] = new(At(3, 11), End - Minute) };

        var plan = PollPlanner.Plan([Invocations], coverage, Now, backfillDays: 2, Trailing);

        Assert.Equal([(At(4, 11), End), (Oldest, At(3, 11))], plan.Select(w => (w.Start, w.End)));
    }

    [Fact]
    public void Plan_SeriesWithDifferentNeeds_EachWindowListsOnlyTheSeriesThatMissIt()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [Invocations] = new(Oldest, End - Minute) };

        var plan = PollPlanner.Plan([Invocations, Latency], coverage, Now, backfillDays: 2, Trailing);

        Assert.Equal(3, plan.Count);
        Assert.Equal([Invocations, Latency], plan[0].Series);
        Assert.Equal([Latency], plan[1].Series);
        Assert.Equal([Latency], plan[2].Series);
    }

    [Fact]
    public void Plan_HourlySeriesCoveredToTheCurrentHour_NeedsNothing()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [Drift] = new(Oldest, At(4, 12)) };

        var plan = PollPlanner.Plan([Drift], coverage, Now, backfillDays: 2, Trailing);

        Assert.Empty(plan);
    }

    [Fact]
    public void Plan_HourlySeriesAfterTheHourTurned_IsFetchedInTheRecentWindow()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [Drift] = new(Oldest, At(4, 11)) };

        var plan = PollPlanner.Plan([Drift], coverage, Now, backfillDays: 2, Trailing);

        Assert.Equal([Drift], plan[0].Series);
        Assert.Equal((At(4, 11), End), (plan[0].Start, plan[0].End));
    }

    [Fact]
    public void Plan_SteadyStateWithHourlySeriesAtTheTurnOfTheHour_IsOneWindow()
    {
        var now = new DateTimeOffset(2025, 6, 4, 13, 0, 30, TimeSpan.Zero);
        var coverage = new Dictionary<SeriesKey, FetchedRange>
        {
            [Invocations] = new(Oldest, At(4, 12, 59)),
            [Drift] = new(Oldest, At(4, 12)), // what the 12:10 poll recorded
        };

        var plan = PollPlanner.Plan([Invocations, Drift], coverage, now, backfillDays: 2, Trailing);

        Assert.Single(plan);
    }

    [Fact]
    public void Advance_NoCoverage_StartsAtTheWindowAndEndsAtThePollEndFlooredToThePeriod()
    {
        var window = new FetchWindow(At(4, 11), End, [Invocations, Drift]);

        Assert.Equal(new FetchedRange(At(4, 11), End), PollPlanner.Advance(null, window, Invocations, End));
        Assert.Equal(new FetchedRange(At(4, 11), At(4, 12)), PollPlanner.Advance(null, window, Drift, End));
    }

    [Fact]
    public void Advance_WindowsOfAFirstPollInOrder_CoverTheWholeHorizon()
    {
        var plan = PollPlanner.Plan([Invocations], new Dictionary<SeriesKey, FetchedRange>(), Now, backfillDays: 2, Trailing);

        FetchedRange? coverage = null;
        foreach (var window in plan)
        {
            coverage = PollPlanner.Advance(coverage, window, Invocations, plan[0].End);
        }

        Assert.Equal(new FetchedRange(Oldest, End), coverage);
    }

    [Fact]
    public void Advance_OlderWindowNotTouchingTheCoverage_KeepsTheStart()
    {
        var current = new FetchedRange(At(4, 0), At(4, 12));
        var window = new FetchWindow(At(3, 0), At(3, 12), [Invocations]);

        Assert.Equal(current.From, PollPlanner.Advance(current, window, Invocations, End).From);
    }

    [Fact]
    public void Advance_WindowAfterAGap_DoesNotExtendTheEndUntilTheGapIsFetched()
    {
        // The dashboard was off from 06:00 to 12:10: the recent window alone does not connect to the coverage.
        var current = new FetchedRange(Oldest, At(4, 6));
        var recent = new FetchWindow(At(4, 11), End, [Invocations]);
        var day = new FetchWindow(At(3, 11), At(4, 11), [Invocations]);

        var afterRecent = PollPlanner.Advance(current, recent, Invocations, End);
        var afterDay = PollPlanner.Advance(afterRecent, day, Invocations, End);

        Assert.Equal(current, afterRecent);
        Assert.Equal(new FetchedRange(Oldest, End), afterDay);
    }

    [Fact]
    public void PlanThenAdvance_CoverageOlderThanTheHorizon_RecoversAfterOnePoll()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [Invocations] = new(At(1, 0) - 10 * Day, At(1, 0) - 9 * Day) };

        var plan = PollPlanner.Plan([Invocations], coverage, Now, backfillDays: 2, Trailing);
        foreach (var window in plan)
        {
            coverage[Invocations] = PollPlanner.Advance(coverage[Invocations], window, Invocations, plan[0].End);
        }
        var next = PollPlanner.Plan([Invocations], coverage, Now.AddMinutes(1), backfillDays: 2, Trailing);

        Assert.Single(next);
    }
}
