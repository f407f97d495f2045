using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dashboard.Core.Audit;

namespace Dashboard.Core.Traffic;

/// <summary>
/// The audit record of each step of a traffic change: Before is the endpoint's weights when it was proposed,
/// After the proposed weights with the reason, the decision note and any error.
/// </summary>
public static class TrafficAudit
{
    public static string ActionOf(TrafficChangeStatus status) => status switch
    {
        TrafficChangeStatus.Proposed => AuditActions.TrafficPropose,
        TrafficChangeStatus.Applying => AuditActions.TrafficApprove,
        TrafficChangeStatus.Applied => AuditActions.TrafficApply,
        TrafficChangeStatus.Rejected => AuditActions.TrafficReject,
        TrafficChangeStatus.Withdrawn => AuditActions.TrafficWithdraw,
        TrafficChangeStatus.Failed => AuditActions.TrafficFail,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Target(long id) => $"traffic change #{id}";

    public static AuditEvent ToEvent(TrafficChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = new JsonObject { ["weights"] = WeightsJson(change.Before) };
        var after = new JsonObject { ["weights"] = WeightsJson(change.Weights), ["reason"] = change.Reason };
        if (change.DecisionNote is { Length: > 0 } note)
        {
            after["note"] = note;
        }
        if (change.Error is { Length: > 0 } error)
        {
            after["error"] = error;
        }
        return new AuditEvent(ActionOf(change.Status), Target(change.Id), change.Endpoint, before.ToJsonString(), after.ToJsonString());
    }

    /// <summary>Weights as one JSON object of variant name to weight, in the variants' order.</summary>
    public static JsonObject WeightsJson(IReadOnlyList<VariantWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var json = new JsonObject();
        foreach (var weight in weights)
        {
            // JSON has no infinity or NaN: such a weight (reported by SageMaker, or kept from before weights were checked)
            // is recorded as its name, "Infinity" or "NaN", rather than making the record impossible to write.
            json[weight.Variant] = double.IsFinite(weight.Weight)
                ? JsonValue.Create(weight.Weight)
                : JsonValue.Create(weight.Weight.ToString(CultureInfo.InvariantCulture));
        }
        return json;
    }

    public static string Serialize(IReadOnlyList<VariantWeight> weights) => JsonSerializer.Serialize(weights, Options);

    public static IReadOnlyList<VariantWeight> Deserialize(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<VariantWeight>>(json, Options) ?? [];

    // Named literals ("Infinity", "NaN") so that weights no JSON number can hold are stored and read back as they were.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
