namespace Dashboard.Core.Outbound;

/// <summary>Thrown where a connection is made when the policy refuses its destination; the message is plain words, safe to show.</summary>
public sealed class DestinationRefusedException(string reason) : Exception(reason);
