using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Storage.Sqlite;

/// <summary>Gives EF Core's connections the same pragmas as the ingest path's.</summary>
internal sealed class SqlitePragmaInterceptor(string pragmas) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqlitePragmas.Apply(connection, pragmas);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        SqlitePragmas.Apply(connection, pragmas);
        return Task.CompletedTask;
    }
}
