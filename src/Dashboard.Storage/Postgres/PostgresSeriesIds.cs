using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Storage.Postgres;

/// <summary>Series ids for many keys in one round trip each way (arrays unnested on the server), through the catalog.</summary>
internal static class PostgresSeriesIds
{
    /// <summary>The id of each key, or null where the series does not exist. Ids found are remembered in the catalog
    /// unless <paramref name="remember"/> is false (rows this transaction created must not be cached before it commits).</summary>
    public static async Task<long?[]> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SeriesCatalog catalog,
        IReadOnlyList<SeriesKey> keys, CancellationToken cancellationToken, bool remember = true)
    {
        var ids = new long?[keys.Count];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (catalog.TryGetId(keys[i], out var id))
            {
                ids[i] = id;
            }
            else
            {
                missing.Add(i);
            }
        }
        if (missing.Count == 0)
        {
            return ids;
        }

        await using var command = new NpgsqlCommand("""
            SELECT k.i, s."Id" FROM unnest(@ns, @name, @dims, @stat, @period) WITH ORDINALITY AS k(ns, name, dims, stat, period, i)
            JOIN "Series" s ON s."Namespace" = k.ns AND s."MetricName" = k.name AND s."Dimensions" = k.dims
                           AND s."Stat" = k.stat AND s."Period" = k.period
            """, connection, transaction);
        AddKeys(command, missing.Select(i => keys[i]).ToList());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = missing[(int)reader.GetInt64(0) - 1];
            ids[at] = reader.GetInt64(1);
            if (remember)
            {
                catalog.Remember(keys[at], ids[at]!.Value);
            }
        }
        return ids;
    }

    /// <summary>Creates the series rows that do not exist yet (another writer's concurrent row is taken as it is).</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SeriesKey> keys,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO "Series" ("Namespace", "MetricName", "Dimensions", "Stat", "Period", "EndpointName", "VariantName")
            SELECT * FROM unnest(@ns, @name, @dims, @stat, @period, @endpoint, @variant)
            ON CONFLICT DO NOTHING
            """, connection, transaction);
        AddKeys(command, keys);
        command.Parameters.Add(new NpgsqlParameter<string?[]>("endpoint", NpgsqlDbType.Array | NpgsqlDbType.Text)
        { TypedValue = [.. keys.Select(k => k.EndpointName)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("variant", NpgsqlDbType.Array | NpgsqlDbType.Text)
        { TypedValue = [.. keys.Select(k => k.VariantName)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddKeys(NpgsqlCommand command, IReadOnlyList<SeriesKey> keys)
    {
        command.Parameters.Add(Texts("ns", keys.Select(k => k.Namespace)));
        command.Parameters.Add(Texts("name", keys.Select(k => k.MetricName)));
        command.Parameters.Add(Texts("dims", keys.Select(k => k.Dimensions)));
        command.Parameters.Add(Texts("stat", keys.Select(k => k.Stat)));
        command.Parameters.Add(new NpgsqlParameter<int[]>("period", NpgsqlDbType.Array | NpgsqlDbType.Integer)
        { TypedValue = [.. keys.Select(k => k.Period)] });
    }

    private static NpgsqlParameter<string[]> Texts(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] };
}
