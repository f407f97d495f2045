using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dashboard.Storage.Moving;

/// <summary>The tables of the model in an order that copies every principal before its dependents.</summary>
internal static class MoveTables
{
    public static IReadOnlyList<MoveTable> InOrder(IRelationalModel source, IRelationalModel target)
    {
        var pending = target.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<MoveTable>();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || done.Contains(fk.PrincipalTable.Name)))
                ?? throw new InvalidOperationException($"The tables {string.Join(", ", pending.Select(t => t.Name))} refer to each other in a cycle.");
            var from = source.FindTable(ready.Name, null)
                ?? throw new InvalidOperationException($"Table {ready.Name} is not in the SQLite model.");
            ordered.Add(new MoveTable(from, ready));
            done.Add(ready.Name);
            pending.Remove(ready);
        }
        return ordered;
    }
}

/// <summary>
/// One table's copy: read column by column through the SQLite model's type mappings, turned into the model's values
/// and then into the PostgreSQL model's, and written by binary COPY as each row is read.
/// </summary>
internal sealed class MoveTable
{
    private static readonly MethodInfo GetFieldValue = typeof(SqliteDataReader).GetMethod(nameof(SqliteDataReader.GetFieldValue))!;

    private readonly MoveColumn[] _columns;

    public MoveTable(ITable source, ITable target)
    {
        Name = target.Name;
        Quoted = Quote(target.Name);
        _columns = [.. target.Columns.Select(column => new MoveColumn(
            column.Name,
            Mapping(source.FindColumn(column.Name) ?? throw new InvalidOperationException($"Column {Name}.{column.Name} is not in the SQLite model.")),
            Mapping(column)))];
        IdentityCandidates = [.. (target.PrimaryKey?.Columns ?? []).Where(c => c.ProviderClrType == typeof(long) || c.ProviderClrType == typeof(int))
            .Select(c => c.Name)];
    }

    public string Name { get; }

    public string Quoted { get; }

    private string[] IdentityCandidates { get; }

    public async Task<long> CopyAsync(SqliteTransaction snapshot, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", _columns.Select(c => Quote(c.Name)));
        await using var read = snapshot.Connection!.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {columns} FROM {Quoted}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var readers = _columns.Select(c => Reader(c.Source)).ToArray();

        long rows = 0;
        await using var copy = await target.BeginBinaryImportAsync($"COPY {Quoted} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await copy.StartRowAsync(cancellationToken);
            for (var i = 0; i < _columns.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    await copy.WriteNullAsync(cancellationToken);
                    continue;
                }
                var column = _columns[i];
                var model = column.Source.Converter is { } fromSqlite ? fromSqlite.ConvertFromProvider(readers[i](reader, i)) : readers[i](reader, i);
                var value = column.Target.Converter is { } toPostgres ? toPostgres.ConvertToProvider(model) : model;
                if (value is DateTimeOffset time)
                {
                    // timestamptz holds an instant; Npgsql writes only offset-zero values.
                    value = time.ToUniversalTime();
                }
                await copy.WriteAsync(value, column.Target.StoreTypeNameBase, cancellationToken);
            }
            rows++;
        }
        await copy.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>Makes each identity of the table hand out the number after the largest copied key, as it would have.</summary>
    public async Task CarryOnIdentitiesAsync(NpgsqlConnection target, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var column in IdentityCandidates)
        {
            await using var command = new NpgsqlCommand($"""
                SELECT setval(s, COALESCE((SELECT max({Quote(column)}) FROM {Quoted}), 0) + 1, false)
                FROM pg_get_serial_sequence(@table, @column) AS s WHERE s IS NOT NULL
                """, target, transaction);
            command.Parameters.AddWithValue("table", Quoted);
            command.Parameters.AddWithValue("column", column);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static RelationalTypeMapping Mapping(IColumn column) => column.PropertyMappings[0].TypeMapping;

    private static Func<SqliteDataReader, int, object> Reader(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        // The common column types directly; any other through the reader's own conversion (dates, Guids, decimals…).
        if (type == typeof(string))
        {
            return (reader, i) => reader.GetString(i);
        }
        if (type == typeof(long))
        {
            return (reader, i) => reader.GetInt64(i);
        }
        if (type == typeof(int))
        {
            return (reader, i) => reader.GetInt32(i);
        }
        if (type == typeof(byte[]))
        {
            return (reader, i) => reader.GetFieldValue<byte[]>(i);
        }
        var method = GetFieldValue.MakeGenericMethod(type);
        return (reader, i) => method.Invoke(reader, [i])!;
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private sealed record MoveColumn(string Name, RelationalTypeMapping Source, RelationalTypeMapping Target);
}
