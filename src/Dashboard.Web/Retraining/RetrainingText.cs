using System.Globalization;
using Dashboard.Core.Drift;
using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using MudBlazor;

namespace Dashboard.Web.Retraining;

/// <summary>How retraining runs read on the card and the run's page.</summary>
public static class RetrainingText
{
    public static Color StatusColor(RetrainingStatus status) => status switch
    {
        RetrainingStatus.Succeeded => Color.Success,
        RetrainingStatus.Proposed or RetrainingStatus.Approved => Color.Info,
        RetrainingStatus.Running => Color.Primary,
        RetrainingStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    public static Color StepColor(string status) => status switch
    {
        PipelineStepStatuses.Succeeded => Color.Success,
        PipelineStepStatuses.Failed => Color.Error,
        PipelineStepStatuses.Stopped or PipelineStepStatuses.Stopping => Color.Warning,
        _ => Color.Primary,
    };

    /// <summary>"Train running · 2 of 3 steps started done" for a run in flight; its status otherwise.</summary>
    public static string Progress(RetrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status != RetrainingStatus.Running)
        {
            return RetrainingRun.StatusText(run.Status);
        }
        var done = run.Steps.Count(s => s.Status == PipelineStepStatuses.Succeeded);
        return run.Steps.LastOrDefault(s => s.Status is PipelineStepStatuses.Executing or PipelineStepStatuses.Starting) is { } current
            ? $"{current.Name} running · {done} step{(done == 1 ? "" : "s")} done"
            : $"Running · {done} step{(done == 1 ? "" : "s")} done";
    }

    /// <summary>"erin at 12:03 UTC" and the decision, for the run's people line.</summary>
    public static string People(RetrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parts = new List<string> { $"Proposed by {(run.IsAutomatic ? "the drift rule (system)" : run.ProposedBy)} at {At(run.ProposedAt)}" };
        if (run.DecidedBy is { } decided && run.DecidedAt is { } at)
        {
            var verb = run.Status switch { RetrainingStatus.Rejected => "rejected", RetrainingStatus.Withdrawn => "withdrawn", _ => "approved" };
            parts.Add($"{verb} by {decided} at {At(at)}" + (run.DecisionNote is { } note ? $" (“{note}”)" : ""));
        }
        return string.Join("; ", parts) + ".";
    }

    /// <summary>A first line for the finding, from what the drift tab shows: the worst drifted feature, else falling quality.</summary>
    public static (FindingKind Kind, string Text) Suggested(DriftOverview? overview)
    {
        if (overview?.Features.FirstOrDefault(f => f.Drifted) is { } row)
        {
            return (FindingKind.Drift, string.Create(CultureInfo.InvariantCulture,
                $"{(row.IsOutput ? "the prediction" : row.Feature)}: drift {row.Score:0.000} over its threshold {row.Setting.Threshold:0.000}"));
        }
        if (overview?.Quality is { } quality && quality.LastDay.FirstOrDefault(m => m.Name == Core.Drift.Quality.QualityMetrics.F1) is { } f1
            && quality.Baseline.FirstOrDefault(m => m.Name == Core.Drift.Quality.QualityMetrics.F1) is { } before && f1.Value < before.Value - 0.05)
        {
            return (FindingKind.Quality, string.Create(CultureInfo.InvariantCulture, $"F1 {f1.Value:0.000} against {before.Value:0.000} in the baseline"));
        }
        return (FindingKind.Other, "");
    }

    public static string At(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "–";
}
