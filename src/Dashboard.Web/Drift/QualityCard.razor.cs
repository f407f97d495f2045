using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Drift;

public partial class QualityCard
{
    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";
    [Parameter, EditorRequired] public Core.Drift.QualityOverview Quality { get; set; } = default!;

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
