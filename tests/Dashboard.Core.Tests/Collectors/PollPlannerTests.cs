using Dashboard.Core.Collectors;
using Dashboard.Core.Metrics;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

public sealed class PollPlannerTests
{
    private static readonly TimeSpan s_trailing = TimeSpan.FromMinutes(10);
    private static readonly SeriesKey s_invocations = Key(SageMakerMetrics.Invocations, "churn");
    private static readonly SeriesKey s_latency = Key(SageMakerMetrics.ModelLatency, "churn", "p90");
    private static readonly SeriesKey s_drift = DriftKey("churn");

    // Now is 2025-06-04 12:10:30; with two days of backfill the horizon is 2025-06-02 12:00.
    private static readonly long s_end = At(4, 12, 10);
    private static readonly long s_oldest = At(2, 12);

    [Fact]
    public void Plan_EmptyCoverage_RecentWindowThenDayWindowsNewestFirst()
    {
        var plan = PollPlanner.Plan([s_invocations], new Dictionary<SeriesKey, FetchedRange>(), Now, backfillDays: 2, s_trailing);

        Assert.Equal(
            [(At(4, 11), s_end), (At(3, 11), At(4, 11)), (s_oldest, At(3, 11))],
            plan.Select(w => (w.Start, w.End)));
        Assert.All(plan, w => Assert.Equal([s_invocations], w.Series));
    }

    [Fact]
    public void Plan_RecentWindow_IsLastFullHourPlusCurrentUpToTheMinute()
    {
        var plan = PollPlanner.Plan([s_invocations], new Dictionary<SeriesKey, FetchedRange>(),
            new DateTimeOffset(2025, 6, 4, 12, 59, 59, TimeSpan.Zero), backfillDays: 1, s_trailing);

        Assert.Equal((At(4, 11), At(4, 12, 59)), (plan[0].Start, plan[0].End));
    }

    [Fact]
    public void Plan_DayWindows_ReachBackExactlyToTheBackfillHorizon()
    {
        var plan = PollPlanner.Plan([s_invocations], new Dictionary<SeriesKey, FetchedRange>(), Now, backfillDays: 14, s_trailing);

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
            [s_invocations] = new(s_oldest - Day, s_end - Minute),
            [s_latency] = new(s_oldest, s_end - 5 * Minute),
        };

        var plan = PollPlanner.Plan([s_invocations, s_latency], coverage, Now, backfillDays: 2, s_trailing);

        var window = Assert.Single(plan);
        Assert.Equal((At(4, 11), s_end), (window.Start, window.End));
        Assert.Equal([s_invocations, s_latency], window.Series);
    }

    [Fact]
    public void Plan_MinuteSeriesCoveredUpToNow_StillRereadsTheTrailingWindow()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [s_invocations] = new(s_oldest, s_end) };

        var plan = PollPlanner.Plan([s_invocations], coverage, Now, backfillDays: 2, s_trailing);

        Assert.Equal([s_invocations], Assert.Single(plan).Series);
    }

    [Fact]
    public void Plan_CoverageStartsAfterTheHorizon_FetchesOnlyTheMissingOlderDaysAndTheRecentWindow()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [s_invocations] = new(At(3, 11), s_end - Minute) };

        var plan = PollPlanner.Plan([s_invocations], coverage, Now, backfillDays: 2, s_trailing);

        Assert.Equal([(At(4, 11), s_end), (s_oldest, At(3, 11))], plan.Select(w => (w.Start, w.End)));
    }

    [Fact]
    public void Plan_SeriesWithDifferentNeeds_EachWindowListsOnlyTheSeriesThatMissIt()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [s_invocations] = new(s_oldest, s_end - Minute) };

        var plan = PollPlanner.Plan([s_invocations, s_latency], coverage, Now, backfillDays: 2, s_trailing);

        Assert.Equal(3, plan.Count);
        Assert.Equal([s_invocations, s_latency], plan[0].Series);
        Assert.Equal([s_latency], plan[1].Series);
        Assert.Equal([s_latency], plan[2].Series);
    }

    [Fact]
    public void Plan_HourlySeriesCoveredToTheCurrentHour_NeedsNothing()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [s_drift] = new(s_oldest, At(4, 12)) };

        var plan = PollPlanner.Plan([s_drift], coverage, Now, backfillDays: 2, s_trailing);

        Assert.Empty(plan);
    }

    [Fact]
    public void Plan_HourlySeriesAfterTheHourTurned_IsFetchedInTheRecentWindow()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [s_drift] = new(s_oldest, At(4, 11)) };

        var plan = PollPlanner.Plan([s_drift], coverage, Now, backfillDays: 2, s_trailing);

        Assert.Equal([s_drift], plan[0].Series);
        Assert.Equal((At(4, 11), s_end), (plan[0].Start, plan[0].End));
    }

    [Fact]
    public void Plan_SteadyStateWithHourlySeriesAtTheTurnOfTheHour_IsOneWindow()
    {
        var now = new DateTimeOffset(2025, 6, 4, 13, 0, 30, TimeSpan.Zero);
        var coverage = new Dictionary<SeriesKey, FetchedRange>
        {
            [s_invocations] = new(s_oldest, At(4, 12, 59)),
            [s_drift] = new(s_oldest, At(4, 12)), // what the 12:10 poll recorded
        };

        var plan = PollPlanner.Plan([s_invocations, s_drift], coverage, now, backfillDays: 2, s_trailing);

        Assert.Single(plan);
    }

    [Fact]
    public void Advance_NoCoverage_StartsAtTheWindowAndEndsAtThePollEndFlooredToThePeriod()
    {
        var window = new FetchWindow(At(4, 11), s_end, [s_invocations, s_drift]);

        Assert.Equal(new FetchedRange(At(4, 11), s_end), PollPlanner.Advance(null, window, s_invocations, s_end));
        Assert.Equal(new FetchedRange(At(4, 11), At(4, 12)), PollPlanner.Advance(null, window, s_drift, s_end));
    }

    [Fact]
    public void Advance_WindowsOfAFirstPollInOrder_CoverTheWholeHorizon()
    {
        var plan = PollPlanner.Plan([s_invocations], new Dictionary<SeriesKey, FetchedRange>(), Now, backfillDays: 2, s_trailing);

        FetchedRange? coverage = null;
        foreach (var window in plan)
        {
            coverage = PollPlanner.Advance(coverage, window, s_invocations, plan[0].End);
        }

        Assert.Equal(new FetchedRange(s_oldest, s_end), coverage);
    }

    [Fact]
    public void Advance_OlderWindowNotTouchingTheCoverage_KeepsTheStart()
    {
        var current = new FetchedRange(At(4, 0), At(4, 12));
        var window = new FetchWindow(At(3, 0), At(3, 12), [s_invocations]);

        Assert.Equal(current.From, PollPlanner.Advance(current, window, s_invocations, s_end).From);
    }

    [Fact]
    public void Advance_WindowAfterAGap_DoesNotExtendTheEndUntilTheGapIsFetched()
    {
        // The dashboard was off from 06:00 to 12:10: the recent window alone does not connect to the coverage.
        var current = new FetchedRange(s_oldest, At(4, 6));
        var recent = new FetchWindow(At(4, 11), s_end, [s_invocations]);
        var day = new FetchWindow(At(3, 11), At(4, 11), [s_invocations]);

        var afterRecent = PollPlanner.Advance(current, recent, s_invocations, s_end);
        var afterDay = PollPlanner.Advance(afterRecent, day, s_invocations, s_end);

        Assert.Equal(current, afterRecent);
        Assert.Equal(new FetchedRange(s_oldest, s_end), afterDay);
    }

    [Fact]
    public void PlanThenAdvance_CoverageOlderThanTheHorizon_RecoversAfterOnePoll()
    {
        var coverage = new Dictionary<SeriesKey, FetchedRange> { [s_invocations] = new(At(1, 0) - 10 * Day, At(1, 0) - 9 * Day) };

        var plan = PollPlanner.Plan([s_invocations], coverage, Now, backfillDays: 2, s_trailing);
        foreach (var window in plan)
        {
            coverage[s_invocations] = PollPlanner.Advance(coverage[s_invocations], window, s_invocations, plan[0].End);
        }
        var next = PollPlanner.Plan([s_invocations], coverage, Now.AddMinutes(1), backfillDays: 2, s_trailing);

        Assert.Single(next);
    }
}
