using Dashboard.Core.Alarms;
using Dashboard.Web.Alarms;

namespace Dashboard.Web.Tests.Alarms;

public class AlarmHistoryCsvTests
{
    [Fact]
    public void Build_Transitions_OneRowEachWithWireStatesQuotedReasonsAndMuteNotes()
    {
        var csv = AlarmHistoryCsv.Build([
            new AlarmTransition(1, "churn-latency", "churn-prod", 1_764_000_000, AlarmState.Ok, AlarmState.Alarm,
                "Threshold crossed: 3 of 3, \"p90\"", null, null),
            new AlarmTransition(2, "=HYPERLINK(1)", null, 1_764_000_060, AlarmState.Alarm, AlarmState.InsufficientData, "-no data", null,
                "Mute window 3: patching"),
        ]);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AlarmHistoryCsv.Header, lines[0]);
        Assert.Equal("2025-11-24T16:00:00Z,churn-latency,churn-prod,OK,ALARM,\"Threshold crossed: 3 of 3, \"\"p90\"\"\",yes", lines[1]);
        // Cells a spreadsheet would run as formulas start with a quote.
        Assert.Equal("2025-11-24T16:01:00Z,'=HYPERLINK(1),,ALARM,INSUFFICIENT_DATA,'-no data,no: Mute window 3: patching", lines[2]);
    }

    [Fact]
    public void Row_PipeOrTabAtTheStart_OpensAsText()
    {
        var row = AlarmHistoryCsv.Row(new AlarmTransition(1, "|calc", null, 1_764_000_000, AlarmState.Ok, AlarmState.Alarm, "\tx", null, null));

        Assert.Equal("2025-11-24T16:00:00Z,'|calc,,OK,ALARM,'\tx,yes", row);
    }
}
