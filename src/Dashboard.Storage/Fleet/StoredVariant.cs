namespace Dashboard.Storage.Fleet;

public sealed class StoredVariant
{
    public required string EndpointName { get; set; }
    public required string Name { get; set; }

    /// <summary>Position in the endpoint's variant list, so the order SageMaker reported survives a round trip.</summary>
    public int Ordinal { get; set; }

    public string? InstanceType { get; set; }
    public int CurrentInstanceCount { get; set; }
    public int DesiredInstanceCount { get; set; }
    public double CurrentWeight { get; set; }
    public double DesiredWeight { get; set; }
}
