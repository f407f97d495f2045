using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.Faults;

/// <summary>
/// <c>/_simulator/faults</c>: read, replace or clear the fault settings while the simulator runs. Outside AWS's
/// <c>POST /</c> routing, but signed like it: every call carries a SigV4 signature made with the simulator's own
/// credentials for the service name <see cref="SigningName"/> (even with Simulator:VerifySignatures off), so another
/// process on the same machine cannot make the fleet misbehave without them.
/// </summary>
public static class FaultAdminEndpoints
{
    public const string Path = "/_simulator/faults";

    /// <summary>The service name of the credential scope: <c>AKID/yyyymmdd/{region}/simulator/aws4_request</c>.</summary>
    public const string SigningName = "simulator";

    /// <summary>The key of the authenticator that checks these calls (always SigV4).</summary>
    public const string AuthenticatorKey = "fault-admin";

    /// <summary>The admin API as the authenticator sees it: only the signing name matters.</summary>
    public static readonly AwsService Service = new("Simulator", SigningName, "", "application/json", QueryCompatible: false);

    private const int MaxBodyBytes = 64 * 1024;

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
        app.MapGet(Path, (HttpContext context, SimulatorFaults faults) => SignedAsync(context, _ => Status(faults)));
        app.MapPut(Path, (HttpContext context, SimulatorFaults faults) => SignedAsync(context, body => Put(body, faults)));
        app.MapDelete(Path, (HttpContext context, SimulatorFaults faults) => SignedAsync(context, _ =>
        {
            faults.Clear();
            return Status(faults);
        }));
        return app;
    }

    private static IResult Status(SimulatorFaults faults) => Results.Json(new FaultStatus(faults.Settings, faults.Injected), JsonOptions);

    /// <summary>Reads the body (the signature covers its hash), checks the signature, then runs <paramref name="handle"/>.</summary>
    private static async Task<IResult> SignedAsync(HttpContext context, Func<ReadOnlyMemory<byte>, IResult> handle)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return Invalid([new FaultError("", $"The body can be at most {MaxBodyBytes / 1024} KB.")]);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            return Invalid([new FaultError("", $"The body can be at most {MaxBodyBytes / 1024} KB.")]);
        }
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            var authenticator = context.RequestServices.GetRequiredKeyedService<IAwsRequestAuthenticator>(AuthenticatorKey);
            await authenticator.AuthenticateAsync(context, Service, body);
        }
        catch (AwsErrorException error)
        {
            return Results.Json(new Dictionary<string, string> { ["__type"] = error.Code, ["message"] = error.Message }, statusCode: error.StatusCode);
        }
        return handle(body);
    }

    private static IResult Put(ReadOnlyMemory<byte> body, SimulatorFaults faults)
    {
        FaultOptions? settings;
        try
        {
            settings = JsonSerializer.Deserialize<FaultOptions>(body.Span, JsonOptions);
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
