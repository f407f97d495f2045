namespace Dashboard.Core.Security;

/// <summary>A mutating action refused by the server; the message is safe to show to the person who tried it.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
