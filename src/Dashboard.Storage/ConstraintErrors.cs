using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Storage;

/// <summary>
/// What the database said when it refused a write, alike on both providers: a unique index, or one of the schema's
/// triggers (which raise a fixed message on SQLite and PostgreSQL alike).
/// </summary>
internal static class ConstraintErrors
{
    private const int SqliteConstraint = 19;

    /// <summary>Any constraint or trigger refused the write.</summary>
    public static bool IsAny(Exception exception) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } => true,
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal)
            || postgres.SqlState == PostgresErrorCodes.RaiseException,
        _ => false,
    };

    /// <summary>The unique index <paramref name="index"/> on <paramref name="column"/> ("Table.Column") refused the write:
    /// SQLite names the column, PostgreSQL the index.</summary>
    public static bool IsUnique(Exception exception, string column, string index) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } sqlite => sqlite.Message.Contains(column, StringComparison.Ordinal),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName == index,
        _ => false,
    };

    /// <summary>A trigger refused the write with <paramref name="message"/>.</summary>
    public static bool IsRefusal(Exception exception, string message) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } sqlite => sqlite.Message.Contains(message, StringComparison.Ordinal),
        PostgresException { SqlState: PostgresErrorCodes.RaiseException } postgres => postgres.MessageText == message,
        _ => false,
    };

    /// <summary>Refused, as a <see cref="DbUpdateException"/> from SaveChanges.</summary>
    public static bool IsUpdateRefusal(Exception exception, string message) => exception is DbUpdateException && IsRefusal(exception, message);
}
