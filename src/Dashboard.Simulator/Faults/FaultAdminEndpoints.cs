using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Simulator.Faults;

/// <summary>
/// <c>/_simulator/faults</c>: read, replace or clear the fault settings while the simulator runs. Outside AWS's
/// <c>POST /</c> routing and not signed: it is a test hook on a loopback port, not an AWS API.
/// </summary>
public static class FaultAdminEndpoints
{
    public const string Path = "/_simulator/faults";

    /// <summary>Settings and counts as JSON: PascalCase like the configuration keys, enums by name, no unknown members.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The reply to every admin call: the settings in force and what they have injected so far.</summary>
    public sealed record FaultStatus(FaultOptions Settings, FaultCounts Injected);

    public static IEndpointRouteBuilder MapFaultAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (SimulatorFaults faults) => Status(faults));
        app.MapPut(Path, PutAsync);
        app.MapDelete(Path, (SimulatorFaults faults) =>
        {
            faults.Clear();
            return Status(faults);
        });
        return app;
    }

    private static IResult Status(SimulatorFaults faults) => Results.Json(new FaultStatus(faults.Settings, faults.Injected), JsonOptions);

    private static async Task<IResult> PutAsync(HttpContext context, SimulatorFaults faults)
    {
        FaultOptions? settings;
        try
        {
            settings = await JsonSerializer.DeserializeAsync<FaultOptions>(context.Request.Body, JsonOptions, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Invalid([new FaultError(FieldOf(ex.Path), ex.Message)]);
        }
        if (settings is null)
        {
            return Invalid([new FaultError("", "The body must be a JSON object of fault settings.")]);
        }
        try
        {
            faults.Set(settings);
        }
        catch (FaultSettingsException ex)
        {
            return Invalid(ex.Errors);
        }
        return Status(faults);
    }

    /// <summary>"$.Outages[0].End" → "Outages[0].End", the same field names the validator uses.</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static IResult Invalid(IEnumerable<FaultError> errors) =>
        Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}
