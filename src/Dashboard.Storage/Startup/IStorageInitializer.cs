namespace Dashboard.Storage.Startup;

/// <summary>Makes the database ready before anything else touches it; throws <see cref="StorageStartupException"/>.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
