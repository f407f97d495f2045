namespace Dashboard.Core.Charts;

public enum ComparePeriod
{
    None,
    PreviousDay,
    PreviousWeek,
}

/// <summary>
/// What the endpoint page asks for: the range [From, To) in Unix seconds, a pinned baseline window (null = seasonal
/// baseline from the endpoint's own history), the period to overlay, the most points a line may have, and where the
/// stored history begins (a 30-day view of two stored days is drawn at the resolution two days fill).
/// </summary>
public sealed record ChartRequest(
    long From,
    long To,
    long? PinFrom = null,
    long? PinTo = null,
    ComparePeriod Compare = ComparePeriod.None,
    int MaxPoints = 1500,
    long? StoredFrom = null)
{
    public long CompareShift => Compare switch
    {
        ComparePeriod.PreviousDay => 86_400,
        ComparePeriod.PreviousWeek => 7 * 86_400,
        _ => 0,
    };

    public bool IsPinned => PinFrom is not null && PinTo is not null && PinTo > PinFrom;
}
