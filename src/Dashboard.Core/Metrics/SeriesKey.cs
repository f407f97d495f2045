using System.Text.Json.Serialization;

namespace Dashboard.Core.Metrics;

/// <summary>
/// Identity of a stored series: CloudWatch's metric identity (namespace, name and the full dimension set)
/// plus the statistic and period it was requested with.
/// <see cref="Dimensions"/> is canonical: "Name=Value" pairs sorted by name, joined with '|'.
/// </summary>
public sealed record SeriesKey(string Namespace, string MetricName, string Dimensions, string Stat, int Period)
{
    public static SeriesKey Create(string ns, string metricName, IEnumerable<KeyValuePair<string, string>> dimensions, string stat, int period) =>
        new(ns, metricName, CanonicalDimensions(dimensions), stat, period);

    public static string CanonicalDimensions(IEnumerable<KeyValuePair<string, string>> dimensions) =>
        string.Join('|', dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));

    [JsonIgnore]
    public IReadOnlyList<KeyValuePair<string, string>> DimensionList =>
        Dimensions.Length == 0
            ? []
            : Dimensions.Split('|').Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1])).ToList();

    public string? Dimension(string name) => DimensionList.FirstOrDefault(d => d.Key == name).Value;

    /// <summary>The endpoint this series belongs to: SageMaker metrics use "EndpointName", Model Monitor metrics "Endpoint".</summary>
    [JsonIgnore]
    public string? EndpointName => Dimension("EndpointName") ?? Dimension("Endpoint");

    [JsonIgnore]
    public string? VariantName => Dimension("VariantName");

    /// <summary>The metric and dimensions alone: the same for every statistic and period CloudWatch can give of it.</summary>
    public SeriesKey WithoutStatistic() => this with { Stat = "", Period = 0 };

    public override string ToString() => $"{Namespace}/{MetricName}[{Dimensions}] {Stat}/{Period}s";
}
