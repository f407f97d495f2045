using System.Globalization;
using Dashboard.Core.Fleet;
using Dashboard.Core.Traffic;

namespace Dashboard.Web.Fleet;

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
        var desired = Math.Abs(variant.DesiredWeight - variant.CurrentWeight) > 1e-9
            ? $" → {WeightNumber(variant.DesiredWeight)}"
            : "";
        return $"{WeightNumber(variant.CurrentWeight)}{desired} ({Share(endpoint, variant)})";
    }

    /// <summary>"80 %", or "share unknown" when some weight of the endpoint is not a finite number of at least 0.</summary>
    public static string Share(EndpointState endpoint, VariantState variant)
    {
        var shares = TrafficChange.Shares(endpoint.Variants.Select(v => new VariantWeight(v.Name, v.CurrentWeight)).ToList());
        return shares[endpoint.Variants.ToList().IndexOf(variant)] is { } share
            ? $"{share.ToString("0", CultureInfo.InvariantCulture)} %"
            : "share unknown";
    }

    /// <summary>"0.8"; "infinite" or "not a number" for a weight SageMaker should never have reported.</summary>
    public static string WeightNumber(double weight) =>
        double.IsFinite(weight) && Math.Abs(weight) < 1e15 ? weight.ToString("0.##", CultureInfo.InvariantCulture) : TrafficChange.WeightText(weight);
}
