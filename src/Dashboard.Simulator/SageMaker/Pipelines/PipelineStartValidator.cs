using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>
/// StartPipelineExecution's checks: the model's member constraints (worded as SageMaker words them), then the
/// parameters against the definition. AWS documents no wording for the second kind; only the empty-string one is
/// observed (<c>[string "" is too short (length: 0, required minimum: 1)]</c>), the rest are the simulator's.
/// </summary>
internal static partial class PipelineStartValidator
{
    [GeneratedRegex("^[A-Za-z0-9\\-_]*$")]
    private static partial Regex ParameterName();

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$")]
    private static partial Regex ExecutionName();

    /// <summary>The request's own constraints, before the pipeline is looked up.</summary>
    public static void CheckRequest(StartPipelineExecutionRequest request)
    {
        if (string.IsNullOrEmpty(request.PipelineName))
        {
            throw SageMakerValidation.Constraint(request.PipelineName, "pipelineName", "Member must not be null");
        }
        if (request.PipelineName.Length > 2048)
        {
            throw SageMakerValidation.Constraint(request.PipelineName, "pipelineName", "Member must have length less than or equal to 2048");
        }
        if (request.ClientRequestToken is null)
        {
            throw SageMakerValidation.Constraint(null, "clientRequestToken", "Member must not be null");
        }
        SageMakerValidation.Length(request.ClientRequestToken.Length, "clientRequestToken", 32, 128, request.ClientRequestToken);
        if (request.PipelineExecutionDisplayName is { } display && !ExecutionName().IsMatch(display))
        {
            throw SageMakerValidation.Constraint(display, "pipelineExecutionDisplayName",
                "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}");
        }
        if (request.PipelineExecutionDescription is { Length: > 3072 } description)
        {
            throw SageMakerValidation.Constraint(description, "pipelineExecutionDescription", "Member must have length less than or equal to 3072");
        }
        var parameters = request.PipelineParameters ?? [];
        if (parameters.Count > 200)
        {
            throw SageMakerValidation.Constraint($"[{parameters.Count} parameters]", "pipelineParameters", "Member must have length less than or equal to 200");
        }
        for (var i = 0; i < parameters.Count; i++)
        {
            var member = $"pipelineParameters.{i + 1}.member";
            if (parameters[i]?.Name is not { } name)
            {
                throw SageMakerValidation.Constraint(null, member + ".name", "Member must not be null");
            }
            SageMakerValidation.Length(name.Length, member + ".name", 1, 256, name);
            if (!ParameterName().IsMatch(name))
            {
                throw SageMakerValidation.Constraint(name, member + ".name", "Member must satisfy regular expression pattern: [A-Za-z0-9\\-_]*");
            }
            if (parameters[i].Value is not { } value)
            {
                throw SageMakerValidation.Constraint(null, member + ".value", "Member must not be null");
            }
            SageMakerValidation.Length(value.Length, member + ".value", 0, 1024, value);
        }
    }

    /// <summary>Every definition parameter's value for this execution: the request's, else the default, each checked against its type.</summary>
    public static IReadOnlyList<PipelineParameter> Resolve(SimulatedPipeline pipeline, IReadOnlyList<PipelineParameter>? given)
    {
        given ??= [];
        if (given.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw SageMakerValidation.Error($"Parameter {twice.Key} is given more than once.");
        }
        var unknown = given.Select(p => p.Name).Where(n => pipeline.Parameters.All(d => d.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw SageMakerValidation.Error($"Parameter(s) [{string.Join(", ", unknown)}] are not defined in the definition of pipeline {pipeline.Name}.");
        }
        var resolved = new List<PipelineParameter>();
        foreach (var definition in pipeline.Parameters)
        {
            var value = given.FirstOrDefault(p => p.Name == definition.Name)?.Value ?? definition.DefaultValue
                ?? throw SageMakerValidation.Error($"Parameter {definition.Name} has no default value, so a value is required.");
            Check(definition, value);
            resolved.Add(new PipelineParameter(definition.Name, value));
        }
        return resolved;
    }

    private static void Check(PipelineParameterDefinition definition, string value)
    {
        var valid = definition.Type switch
        {
            PipelineParameterTypes.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            PipelineParameterTypes.Float => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number),
            PipelineParameterTypes.Boolean => value is "true" or "false",
            _ => true,
        };
        if (!valid)
        {
            throw SageMakerValidation.Error($"Value '{value}' of parameter {definition.Name} is not a valid {definition.Type}.");
        }
        if (definition.Type == PipelineParameterTypes.String && value.Length == 0)
        {
            throw SageMakerValidation.Error("[string \"\" is too short (length: 0, required minimum: 1)]");
        }
        if (definition.EnumValues is { } allowed && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw SageMakerValidation.Error($"Value '{value}' of parameter {definition.Name} is not one of [{string.Join(", ", allowed)}].");
        }
    }
}
