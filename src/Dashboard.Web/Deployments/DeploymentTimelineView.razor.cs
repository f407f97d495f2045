using System.Globalization;
using Dashboard.Core.Deployments;
using Dashboard.Web.Components.Controls;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Deployments;

/// <summary>The timeline of a plan (before it is proposed) or of a running deployment, with countdowns for held steps.</summary>
public sealed partial class DeploymentTimelineView
{
    [Parameter, EditorRequired] public IReadOnlyList<DeploymentStep> Steps { get; set; } = [];

    /// <summary>Now, for countdowns; the page re-renders it every few seconds while a step runs.</summary>
    [Parameter] public DateTimeOffset Now { get; set; }

    private static string Share(DeploymentStep step) => step.Share.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private string? Countdown(DeploymentStep step) =>
        step is { State: StepState.Running, HoldEndsAt: { } end } && step.HoldSeconds > 0 && end > Now ? TimeText.Span(end - Now) : null;

    private double Progress(DeploymentStep step) => step.StartedAt is { } started && step.HoldSeconds > 0
        ? Math.Clamp(100 * (Now - started).TotalSeconds / step.HoldSeconds, 0, 100)
        : 0;
}
