using System.Globalization;
using Dashboard.Core.Fleet;

namespace Dashboard.Web.Components.Fleet;

/// <summary>How fleet numbers are written on screen: no unit-less numbers, "—" when not measured.</summary>
public static class FleetFormat
{
    public const string Missing = "—";

    public static string Number(double? value) => value switch
    {
        null => Missing,
        >= 1000 => value.Value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.#", CultureInfo.InvariantCulture),
    };

    public static string Percent(double? value) => value is null ? Missing : $"{value.Value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture)} %";

    public static string Milliseconds(double? value) => value is null ? Missing : $"{Number(value)} ms";

    public static string Instances(EndpointState endpoint, string? instanceType)
    {
        var count = endpoint.Variants.Where(v => v.InstanceType == instanceType).Sum(v => v.CurrentInstanceCount);
        return $"{instanceType ?? "unknown type"} × {count}";
    }

    /// <summary>The raw SageMaker weight and the traffic share it gives (weight / sum of weights).</summary>
    public static string Weight(EndpointState endpoint, VariantState variant)
    {
        var total = endpoint.Variants.Sum(v => v.CurrentWeight);
        var share = total > 0 ? 100 * variant.CurrentWeight / total : 0;
        var desired = Math.Abs(variant.DesiredWeight - variant.CurrentWeight) > 1e-9
            ? $" → {variant.DesiredWeight.ToString("0.##", CultureInfo.InvariantCulture)}"
            : "";
        return $"{variant.CurrentWeight.ToString("0.##", CultureInfo.InvariantCulture)}{desired} ({share:0} %)";
    }
}
