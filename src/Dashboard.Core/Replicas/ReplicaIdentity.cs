using System.Security.Cryptography;

namespace Dashboard.Core.Replicas;

/// <summary>
/// This dashboard process among the replicas on one database: host name, process id and a short random part (a
/// restarted container may reuse both), so two processes never share an id.
/// </summary>
public sealed class ReplicaIdentity
{
    public ReplicaIdentity(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Host = Environment.MachineName;
        Id = $"{Host}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        StartedAt = timeProvider.GetUtcNow();
    }

    public string Id { get; }

    public string Host { get; }

    public DateTimeOffset StartedAt { get; }
}
