using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;

namespace Dashboard.Storage.Tests.Metrics;

public class PointMergingTests
{
    [Fact]
    public void SortUnique_DuplicateTimes_KeepsLastArrival()
    {
        List<MetricPoint> points = [new(120, 1), new(60, 2), new(120, 3), new(0, 4)];

        var sorted = PointMerging.SortUnique(points);

        Assert.Equal([new(0, 4), new(60, 2), new(120, 3)], sorted);
    }

    [Fact]
    public void SortUnique_Descending_ReturnsAscending()
    {
        List<MetricPoint> points = [new(180, 1), new(120, 2), new(60, 3)];

        Assert.Equal([new(60, 3), new(120, 2), new(180, 1)], PointMerging.SortUnique(points));
    }

    [Fact]
    public void Merge_EqualTimes_IncomingReplacesStored()
    {
        MetricPoint[] stored = [new(0, 1), new(60, 1), new(120, 1)];
        MetricPoint[] incoming = [new(60, 9), new(180, 9)];

        Assert.Equal([new(0, 1), new(60, 9), new(120, 1), new(180, 9)], PointMerging.Merge(stored, incoming));
    }

    [Fact]
    public void StartOf_NegativeTime_FloorsToPreviousDay()
    {
        Assert.Equal(-86_400, ChunkDays.StartOf(-1));
        Assert.Equal(0, ChunkDays.StartOf(86_399));
        Assert.Equal(86_400, ChunkDays.StartOf(86_400));
    }
}
