namespace Dashboard.Storage.Fleet;

public sealed class StoredEndpoint
{
    public required string Name { get; set; }
    public required string Arn { get; set; }
    public required string Status { get; set; }
    public string? ConfigName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastModifiedAt { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public List<StoredVariant> Variants { get; set; } = [];
}
