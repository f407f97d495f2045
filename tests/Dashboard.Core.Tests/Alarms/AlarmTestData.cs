using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Tests.Alarms;

/// <summary>Datapoint sequences written as in the user guide: "0" not breaching, "X" breaching, "-" missing, newest last.</summary>
internal static class AlarmTestData
{
    /// <summary>2026-11-22 10:05:00 UTC, a multiple of 300 s.</summary>
    public const long AsOf = 1795305600 + 10 * 3600 + 5 * 60;

    public const double Threshold = 1000;

    public static AlarmRuleSpec Spec(int n, int m, TreatMissingData treat = TreatMissingData.Missing, int period = 60,
        ComparisonOperator comparison = ComparisonOperator.GreaterThanThreshold) =>
        new(period, n, m, comparison, Threshold, treat);

    /// <summary>The points of <paramref name="sequence"/>, its last item being the period that ends at <paramref name="asOf"/>.</summary>
    public static List<AlarmDatapoint> Points(string sequence, int period = 60, long asOf = AsOf)
    {
        var items = sequence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var points = new List<AlarmDatapoint>();
        for (var i = 0; i < items.Length; i++)
        {
            var time = asOf - (long)(items.Length - i) * period;
            switch (items[i])
            {
                case "X": points.Add(new(time, 1500 + i)); break;
                case "0": points.Add(new(time, 500 + i)); break;
                case "-": break;
                default: throw new ArgumentException($"Unknown item '{items[i]}' in '{sequence}'.");
            }
        }
        return points;
    }

    public static AlarmState State(string wire) => AlarmWireNames.ParseState(wire) ?? throw new ArgumentException(wire);
}
