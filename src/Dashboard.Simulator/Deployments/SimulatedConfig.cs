using System.Text.Json;
using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.Deployments;

/// <summary>An endpoint config as SageMaker keeps it: the catalogue's, or one made by CreateEndpointConfig.</summary>
public sealed record SimulatedConfig(string Name, DateTimeOffset CreationTime, IReadOnlyList<ProductionVariant> Variants)
{
    public DataCaptureConfig? DataCapture { get; init; }
    public string? KmsKeyId { get; init; }
    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];

    /// <summary>Members the simulator does not model, returned as they were given.</summary>
    public Dictionary<string, JsonElement>? Other { get; init; }

    /// <summary>The catalogue's configs exist as long as their endpoint does (a future anchor hides both).</summary>
    public DateTimeOffset VisibleFrom { get; init; } = CreationTime;

    public ProductionVariant? Variant(string name) => Variants.FirstOrDefault(v => v.VariantName == name);
}
