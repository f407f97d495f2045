using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Monitor;
using Dashboard.Core.SageMaker;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Drift;

public partial class MonitorCard
{
    [Parameter, EditorRequired] public IReadOnlyList<MonitorSchedule> Schedules { get; set; } = [];

    /// <summary>The drift tab's rows, to say whether our own score agrees with a drift violation.</summary>
    [Parameter] public IReadOnlyList<FeatureDriftRow> Features { get; set; } = [];

    internal string Agreement(MonitorViolation violation)
    {
        if (violation.Check != "baseline_drift_check")
        {
            return "–";
        }
        var row = Features.FirstOrDefault(f => f.Feature == violation.Feature);
        return row?.Score is not { } score ? "not captured here"
            : row.Drifted ? $"agrees ({DriftPage.Score(score)})"
            : $"no drift here ({DriftPage.Score(score)} < {DriftPage.Score(row.Setting.Threshold)})";
    }

    private static string RunClass(string status) => "monitor-run " + status switch
    {
        MonitoringExecutionStatuses.Completed => "monitor-run-ok",
        MonitoringExecutionStatuses.CompletedWithViolations => "monitor-run-violations",
        MonitoringExecutionStatuses.Failed => "monitor-run-failed",
        _ => "monitor-run-other",
    };
}
