namespace Dashboard.Core.Fleet;

/// <summary>Capacity of an ml.* instance type: CloudWatch reports CPU as 0–100 % per vCPU and GPU as 0–100 % per GPU.</summary>
public sealed record InstanceType(string Name, int VCpus, double MemoryGiB, int Gpus)
{
    public double CpuCeilingPercent => VCpus * 100.0;

    public double GpuCeilingPercent => Gpus * 100.0;

    public bool HasGpu => Gpus > 0;
}

/// <summary>The instance types the dashboard knows the shape of (from the SageMaker instance-type pricing table).</summary>
public static class InstanceTypes
{
    private static readonly Dictionary<string, InstanceType> Known = new InstanceType[]
    {
        new("ml.t2.medium", 2, 4, 0),
        new("ml.m5.large", 2, 8, 0),
        new("ml.m5.xlarge", 4, 16, 0),
        new("ml.m5.2xlarge", 8, 32, 0),
        new("ml.m5.4xlarge", 16, 64, 0),
        new("ml.c5.large", 2, 4, 0),
        new("ml.c5.xlarge", 4, 8, 0),
        new("ml.c5.2xlarge", 8, 16, 0),
        new("ml.c5.4xlarge", 16, 32, 0),
        new("ml.r5.xlarge", 4, 32, 0),
        new("ml.r5.2xlarge", 8, 64, 0),
        new("ml.g4dn.xlarge", 4, 16, 1),
        new("ml.g4dn.2xlarge", 8, 32, 1),
        new("ml.g4dn.12xlarge", 48, 192, 4),
        new("ml.g5.xlarge", 4, 16, 1),
        new("ml.g5.2xlarge", 8, 32, 1),
        new("ml.g5.12xlarge", 48, 192, 4),
        new("ml.g5.48xlarge", 192, 768, 8),
        new("ml.p3.2xlarge", 8, 61, 1),
        new("ml.p4d.24xlarge", 96, 1152, 8),
        new("ml.inf2.xlarge", 4, 16, 0),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<InstanceType> All => Known.Values;

    public static InstanceType? Find(string? name) => name is not null && Known.TryGetValue(name, out var type) ? type : null;
}
