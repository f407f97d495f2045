using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dashboard.Core.Audit;

namespace Dashboard.Core.Deployments;

/// <summary>The audit record of each action on a deployment: Before and After are its status, configs, outcome and the plan.</summary>
public static class DeploymentAudit
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Target(long id) => $"deployment #{id}";

    public static AuditEvent ToEvent(string action, Deployment? before, Deployment after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return new AuditEvent(action, Target(after.Id), after.Endpoint, before is null ? null : Summary(before).ToJsonString(),
            Summary(after, withPlan: before is null).ToJsonString());
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored {typeof(T).Name} is null.");

    private static JsonObject Summary(Deployment deployment, bool withPlan = false)
    {
        var json = new JsonObject
        {
            ["status"] = deployment.Status.ToString(),
            ["models"] = deployment.Plan.Models(),
            ["reason"] = deployment.Reason,
        };
        if (withPlan)
        {
            json["plan"] = deployment.Plan.Describe();
        }
        Add(json, "oldConfig", deployment.OldConfig);
        Add(json, "newConfig", deployment.NewConfig);
        Add(json, "note", deployment.DecisionNote);
        Add(json, "outcome", deployment.Outcome);
        Add(json, "abortedBy", deployment.AbortedBy);
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
