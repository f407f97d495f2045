namespace Dashboard.Storage.Metrics;

/// <summary>One row per series. Endpoint and variant are copied out of the dimensions so pages can filter on them.</summary>
public sealed class StoredSeries
{
    public long Id { get; set; }
    public required string Namespace { get; set; }
    public required string MetricName { get; set; }
    public required string Dimensions { get; set; }
    public required string Stat { get; set; }
    public int Period { get; set; }
    public string? EndpointName { get; set; }
    public string? VariantName { get; set; }

    /// <summary>Newest stored point time (Unix seconds); kept by the writer so watermarks never scan chunks.</summary>
    public long? LastTime { get; set; }

    /// <summary>The range [CoverageFrom, CoverageTo) the collector has fetched, stored with the points it brought.</summary>
    public long? CoverageFrom { get; set; }

    public long? CoverageTo { get; set; }
}
