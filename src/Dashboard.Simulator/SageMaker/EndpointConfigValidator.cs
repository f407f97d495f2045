using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.SageMaker;

/// <summary>CreateEndpointConfig's model constraints and service rules, first failure first, worded as SageMaker words them.</summary>
internal static class EndpointConfigValidator
{
    /// <summary>The instance types this region offers the simulated account (a realistic subset of SageMaker's enum).</summary>
    public static readonly string[] InstanceTypeNames = InstanceTypes.All.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

    private static readonly string[] CaptureModes = ["Input", "Output", "InputAndOutput"];

    public static void Validate(CreateEndpointConfigRequest request)
    {
        SageMakerValidation.RequirePatternName(request.EndpointConfigName, "endpointConfigName");
        var variants = request.ProductionVariants
            ?? throw SageMakerValidation.Constraint(null, "productionVariants", "Member must not be null");
        SageMakerValidation.Length(variants.Count, "productionVariants", 1, 10, "[]");
        for (var i = 0; i < variants.Count; i++)
        {
            var member = $"productionVariants.{i + 1}.member";
            var variant = variants[i] ?? throw SageMakerValidation.Constraint(null, member, "Member must not be null");
            SageMakerValidation.RequirePatternName(variant.VariantName, member + ".variantName");
            if (variant.ModelName is not null)
            {
                SageMakerValidation.RequirePatternName(variant.ModelName, member + ".modelName");
            }
            SageMakerValidation.Range(variant.InitialInstanceCount, member + ".initialInstanceCount", 1, int.MaxValue);
            SageMakerValidation.RequireOneOf(variant.InstanceType, member + ".instanceType", InstanceTypeNames);
            if (variant.InitialVariantWeight is < 0 or float.NaN)
            {
                throw SageMakerValidation.Constraint(variant.InitialVariantWeight, member + ".initialVariantWeight",
                    "Member must have value greater than or equal to 0");
            }
            if (variant.InitialVariantWeight is float.PositiveInfinity)
            {
                throw SageMakerValidation.Constraint(variant.InitialVariantWeight, member + ".initialVariantWeight", "Member must be a finite number");
            }
        }
        if (request.DataCaptureConfig is { } capture)
        {
            ValidateCapture(capture);
        }
        if (request.Tags is { } tags)
        {
            SageMakerValidation.Length(tags.Count, "tags", 0, 50, $"[{tags.Count} tags]");
            for (var i = 0; i < tags.Count; i++)
            {
                if (tags[i]?.Key is not { Length: >= 1 and <= 128 })
                {
                    throw SageMakerValidation.Constraint(tags[i]?.Key, $"tags.{i + 1}.member.key", "Member must have length between 1 and 128");
                }
                if (tags[i].Value is not { Length: <= 256 })
                {
                    throw SageMakerValidation.Constraint(tags[i].Value, $"tags.{i + 1}.member.value", "Member must have length less than or equal to 256");
                }
            }
        }

        // Service rules (the wording of these is the simulator's; AWS documents no example).
        if (variants.GroupBy(v => v.VariantName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw SageMakerValidation.Error($"Variant name \"{duplicate.Key}\" appears more than once in ProductionVariants; variant names must be unique.");
        }
        if (variants.FirstOrDefault(v => v.ModelName is null) is { } noModel)
        {
            throw SageMakerValidation.Error($"ModelName is required for variant \"{noModel.VariantName}\".");
        }
        if (variants.FirstOrDefault(v => v.InstanceType is null || v.InitialInstanceCount is null) is { } noInstances)
        {
            throw SageMakerValidation.Error(
                $"InstanceType and InitialInstanceCount must be specified for variant \"{noInstances.VariantName}\" (the simulator has no serverless endpoints).");
        }
    }

    private static void ValidateCapture(DataCaptureConfig capture)
    {
        const string member = "dataCaptureConfig";
        SageMakerValidation.Range(capture.InitialSamplingPercentage, member + ".initialSamplingPercentage", 0, 100);
        if (capture.DestinationS3Uri is null)
        {
            throw SageMakerValidation.Constraint(null, member + ".destinationS3Uri", "Member must not be null");
        }
        if (capture.DestinationS3Uri.Length > 512)
        {
            throw SageMakerValidation.Constraint(capture.DestinationS3Uri, member + ".destinationS3Uri", "Member must have length less than or equal to 512");
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(capture.DestinationS3Uri, "^(https|s3)://([^/]+)/?(.*)$"))
        {
            throw SageMakerValidation.Constraint(capture.DestinationS3Uri, member + ".destinationS3Uri",
                "Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$");
        }
        var options = capture.CaptureOptions ?? throw SageMakerValidation.Constraint(null, member + ".captureOptions", "Member must not be null");
        SageMakerValidation.Length(options.Count, member + ".captureOptions", 1, 32, "[]");
        for (var i = 0; i < options.Count; i++)
        {
            var mode = options[i]?.CaptureMode ?? throw SageMakerValidation.Constraint(null, $"{member}.captureOptions.{i + 1}.member.captureMode",
                "Member must not be null");
            SageMakerValidation.RequireOneOf(mode, $"{member}.captureOptions.{i + 1}.member.captureMode", CaptureModes);
        }
        if (capture.CaptureContentTypeHeader is { } headers)
        {
            if (headers.CsvContentTypes is { } csv)
            {
                SageMakerValidation.Length(csv.Count, member + ".captureContentTypeHeader.csvContentTypes", 1, 10, "[]");
            }
            if (headers.JsonContentTypes is { } json)
            {
                SageMakerValidation.Length(json.Count, member + ".captureContentTypeHeader.jsonContentTypes", 1, 10, "[]");
            }
        }
    }

    /// <summary>What the variant becomes on the new config: the model's behaviour, the new instances' capacity.</summary>
    public static VariantProfile Serving(VariantProfile current, ProductionVariant variant, Deployments.SimulatedModel model, bool retain)
    {
        var type = variant.InstanceType ?? current.InstanceType;
        var ratio = (double)(InstanceTypes.Find(type)?.VCpus ?? 1) / (InstanceTypes.Find(current.InstanceType)?.VCpus ?? 1);
        var count = retain ? current.MinInstances : variant.InitialInstanceCount ?? current.MinInstances;
        return current with
        {
            ModelName = model.Name,
            InstanceType = type,
            MinInstances = count,
            MaxInstances = current.AutoScales ? Math.Max(count, current.MaxInstanceCount) : null,
            CapacityPerInstance = current.CapacityPerInstance * ratio,
            ModelLatencyMicros = model.Behaviour.ModelLatencyMicros,
            LatencySigma = model.Behaviour.LatencySigma,
            Error4xxRate = model.Behaviour.Error4xxRate,
            Error5xxRate = model.Behaviour.Error5xxRate,
            CurrentWeight = retain ? current.CurrentWeight : variant.InitialVariantWeight ?? 1f,
            DesiredWeight = null,
            DesiredInstanceCount = null,
        };
    }
}
