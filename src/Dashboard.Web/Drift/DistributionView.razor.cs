using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Drift;

public partial class DistributionView
{
    [Parameter, EditorRequired] public Core.Drift.DistributionComparison Comparison { get; set; } = default!;

    private string Width(double share)
    {
        var largest = Comparison.Bars.Count == 0 ? 1 : Math.Max(Comparison.Bars.Max(b => Math.Max(b.Baseline, b.Current)), 1e-9);
        return (share / largest * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
    }
}
