using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dashboard.Core.Audit;

namespace Dashboard.Core.Retraining;

/// <summary>The audit record of each action on a retraining run: Before and After are its status, pipeline, parameters and outcome.</summary>
public static class RetrainingAudit
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Target(long id) => $"retraining #{id}";

    public static AuditEvent ToEvent(string action, RetrainingRun? before, RetrainingRun after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return new AuditEvent(action, Target(after.Id), after.Endpoint, before is null ? null : Summary(before, false).ToJsonString(),
            Summary(after, before is null).ToJsonString());
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored {typeof(T).Name} is null.");

    private static JsonObject Summary(RetrainingRun run, bool withProposal)
    {
        var json = new JsonObject { ["status"] = run.Status.ToString(), ["pipeline"] = run.Pipeline };
        if (withProposal)
        {
            var parameters = new JsonObject();
            foreach (var parameter in run.Parameters)
            {
                parameters[parameter.Name] = parameter.Value;
            }
            json["parameters"] = parameters;
            json["finding"] = $"{RetrainingRun.FindingText(run.FindingKind)}: {run.Finding}";
            json["reason"] = run.Reason;
        }
        Add(json, "note", run.DecisionNote);
        Add(json, "execution", run.ExecutionArn);
        Add(json, "outcome", run.Outcome);
        Add(json, "model", run.ModelName);
        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[name] = value;
        }
    }
}
