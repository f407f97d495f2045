namespace Dashboard.Storage.Startup;

/// <summary>The database could not be made ready. The message names the file and says why in plain words.</summary>
public sealed class StorageStartupException(string databasePath, string reason, Exception? innerException = null)
    : Exception($"Cannot use the dashboard database '{databasePath}': {reason}", innerException)
{
    public string DatabasePath { get; } = databasePath;
    public string Reason { get; } = reason;
}
