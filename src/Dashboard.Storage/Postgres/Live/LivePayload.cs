using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Live;

namespace Dashboard.Storage.Postgres.Live;

/// <summary>One change as another replica received it: who sent it, and whether its endpoint list was left out.</summary>
internal sealed record LiveNotification(string Sender, LivePublication Publication, bool AllEndpoints);

/// <summary>
/// The text of a NOTIFY on <see cref="Channel"/>. PostgreSQL refuses payloads of 8000 bytes or more, so the encoding stays
/// under <see cref="MaxBytes"/>: an error text is cut short, and an endpoint list that does not fit is left out (the
/// receiver then treats the change as concerning every endpoint). The fleet itself never travels: receivers read it
/// from storage, where the publisher wrote it first.
/// </summary>
internal static class LivePayload
{
    public const string Channel = "dashboard_live";

    /// <summary>Below PostgreSQL's 8000-byte limit, with room to spare.</summary>
    public const int MaxBytes = 7900;

    /// <summary>An error text longer than this is cut; escaped, it still leaves room for everything else.</summary>
    public const int MaxErrorChars = 500;

    private const int MaxSourceChars = 100;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Encode(string sender, LivePublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var source = publication.Source is { } s ? Shorten(s) : null;
        var wire = new Wire
        {
            Sender = sender,
            Kind = (int)publication.Kind,
            Endpoints = publication.Endpoints.Count == 0 ? null : publication.Endpoints,
            NewestMetricTime = publication.NewestMetricTime,
            Source = source,
            Backfill = publication.Backfill,
        };
        var text = JsonSerializer.Serialize(wire, Json);
        if (Encoding.UTF8.GetByteCount(text) <= MaxBytes)
        {
            return text;
        }
        text = JsonSerializer.Serialize(wire with { Endpoints = null, AllEndpoints = true }, Json);
        if (Encoding.UTF8.GetByteCount(text) <= MaxBytes)
        {
            return text;
        }
        // Only a sender id longer than any this code makes gets here; the kind alone still tells receivers to look.
        return JsonSerializer.Serialize(new Wire { Sender = sender[..Math.Min(sender.Length, 64)], Kind = (int)publication.Kind, AllEndpoints = true }, Json);
    }

    /// <summary>The notification in <paramref name="payload"/>, or null when it is not one of ours.</summary>
    public static LiveNotification? Decode(string payload)
    {
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (wire?.Sender is not { } sender || wire.Kind == 0)
        {
            return null;
        }
        var publication = new LivePublication((LiveChangeKind)wire.Kind, wire.Endpoints ?? [])
        {
            NewestMetricTime = wire.NewestMetricTime,
            Source = wire.Source,
            Backfill = wire.Backfill,
        };
        return new LiveNotification(sender, publication, wire.AllEndpoints);
    }

    private static SourceStatus Shorten(SourceStatus status) => status with
    {
        Source = Cut(status.Source, MaxSourceChars)!,
        LastError = Cut(status.LastError, MaxErrorChars),
    };

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record Wire
    {
        [JsonPropertyName("s")]
        public string? Sender { get; init; }

        [JsonPropertyName("k")]
        public int Kind { get; init; }

        [JsonPropertyName("e")]
        public IReadOnlyCollection<string>? Endpoints { get; init; }

        [JsonPropertyName("all")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public bool AllEndpoints { get; init; }

        [JsonPropertyName("t")]
        public long? NewestMetricTime { get; init; }

        [JsonPropertyName("src")]
        public SourceStatus? Source { get; init; }

        [JsonPropertyName("b")]
        public BackfillProgress? Backfill { get; init; }
    }
}
