namespace Dashboard.Core.Replicas;

/// <summary>One dashboard process as its last heartbeat left it; <see cref="HoldsLeaseSince"/> is set while it holds the worker lease.</summary>
public sealed record Replica(string Id, string Host, DateTimeOffset StartedAt, DateTimeOffset SeenAt, DateTimeOffset? HoldsLeaseSince)
{
    /// <summary>Not seen for this long: shown as gone (a heartbeat is written every 10 s).</summary>
    public static readonly TimeSpan GoneAfter = TimeSpan.FromMinutes(2);

    /// <summary>Gone for this long: its row is deleted.</summary>
    public static readonly TimeSpan ForgottenAfter = TimeSpan.FromDays(1);

    public bool IsGone(DateTimeOffset now) => now - SeenAt > GoneAfter;
}
