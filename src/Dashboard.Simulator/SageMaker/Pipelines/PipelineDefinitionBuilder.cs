using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>
/// A retraining pipeline's definition in SageMaker's JSON schema (version 2020-12-01): its parameters, and the steps
/// Preprocess (Processing) → Train (Training) → Evaluate (Processing) → CheckQuality (Condition) → CreateModel (Model)
/// → RegisterModel, with parameters referenced as <c>{"Get": "Parameters.Name"}</c> as the SDKs write them.
/// </summary>
internal static class PipelineDefinitionBuilder
{
    public const string Version = "2020-12-01";

    public static string Build(IReadOnlyList<PipelineParameterDefinition> parameters, string roleArn, string bucket, string modelPackageGroup,
        string trainingImage)
    {
        var definition = new JsonObject
        {
            ["Version"] = Version,
            ["Metadata"] = new JsonObject(),
            ["Parameters"] = new JsonArray(parameters.Select(Parameter).ToArray()),
            ["PipelineExperimentConfig"] = new JsonObject
            {
                ["ExperimentName"] = new JsonObject { ["Get"] = "Execution.PipelineName" },
                ["TrialName"] = new JsonObject { ["Get"] = "Execution.PipelineExecutionId" },
            },
            ["Steps"] = new JsonArray(
                Processing("Preprocess", roleArn,
                    Get("Parameters.InputDataUrl"), $"s3://{bucket}/pipelines/preprocess.py"),
                Training(roleArn, trainingImage, bucket),
                Processing("Evaluate", roleArn,
                    Get("Steps.Train.ModelArtifacts.S3ModelArtifacts"), $"s3://{bucket}/pipelines/evaluate.py"),
                Condition(roleArn, trainingImage, modelPackageGroup)),
        };
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonObject Parameter(PipelineParameterDefinition parameter)
    {
        var node = new JsonObject { ["Name"] = parameter.Name, ["Type"] = parameter.Type };
        node["DefaultValue"] = parameter.Type switch
        {
            PipelineParameterTypes.Integer => JsonValue.Create(long.Parse(parameter.DefaultValue!, System.Globalization.CultureInfo.InvariantCulture)),
            PipelineParameterTypes.Float => JsonValue.Create(double.Parse(parameter.DefaultValue!, System.Globalization.CultureInfo.InvariantCulture)),
            PipelineParameterTypes.Boolean => JsonValue.Create(parameter.DefaultValue == "true"),
            _ => JsonValue.Create(parameter.DefaultValue),
        };
        if (parameter.EnumValues is { } values)
        {
            node["EnumValues"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }
        return node;
    }

    private static JsonObject Get(string path) => new() { ["Get"] = path };

    private static JsonObject Processing(string name, string roleArn, JsonNode input, string code) => new()
    {
        ["Name"] = name,
        ["Type"] = "Processing",
        ["Description"] = PipelineTimeline.Description(name),
        ["Arguments"] = new JsonObject
        {
            ["ProcessingResources"] = new JsonObject
            {
                ["ClusterConfig"] = new JsonObject { ["InstanceType"] = "ml.m5.xlarge", ["InstanceCount"] = 1, ["VolumeSizeInGB"] = 30 },
            },
            ["AppSpecification"] = new JsonObject
            {
                ["ImageUri"] = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                ["ContainerEntrypoint"] = new JsonArray("python3", "/opt/ml/processing/input/code/" + code[(code.LastIndexOf('/') + 1)..]),
            },
            ["RoleArn"] = roleArn,
            ["ProcessingInputs"] = new JsonArray(
                new JsonObject
                {
                    ["InputName"] = "input-1",
                    ["AppManaged"] = false,
                    ["S3Input"] = new JsonObject
                    {
                        ["S3Uri"] = input,
                        ["LocalPath"] = "/opt/ml/processing/input",
                        ["S3DataType"] = "S3Prefix",
                        ["S3InputMode"] = "File",
                    },
                },
                new JsonObject
                {
                    ["InputName"] = "code",
                    ["AppManaged"] = false,
                    ["S3Input"] = new JsonObject
                    {
                        ["S3Uri"] = code,
                        ["LocalPath"] = "/opt/ml/processing/input/code",
                        ["S3DataType"] = "S3Prefix",
                        ["S3InputMode"] = "File",
                    },
                }),
        },
    };

    private static JsonObject Training(string roleArn, string trainingImage, string bucket) => new()
    {
        ["Name"] = "Train",
        ["Type"] = "Training",
        ["Description"] = PipelineTimeline.Description("Train"),
        ["DependsOn"] = new JsonArray("Preprocess"),
        ["Arguments"] = new JsonObject
        {
            ["AlgorithmSpecification"] = new JsonObject { ["TrainingImage"] = trainingImage, ["TrainingInputMode"] = "File" },
            ["HyperParameters"] = new JsonObject
            {
                ["max_depth"] = new JsonObject
                {
                    ["Std:Join"] = new JsonObject { ["On"] = "", ["Values"] = new JsonArray(Get("Parameters.MaxDepth")) },
                },
                ["objective"] = "binary:logistic",
            },
            ["OutputDataConfig"] = new JsonObject { ["S3OutputPath"] = $"s3://{bucket}/pipelines/models" },
            ["ResourceConfig"] = new JsonObject
            {
                ["InstanceCount"] = 1,
                ["InstanceType"] = Get("Parameters.TrainingInstanceType"),
                ["VolumeSizeInGB"] = 30,
            },
            ["RoleArn"] = roleArn,
            ["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = 86400 },
        },
    };

    /// <summary>CheckQuality compares the evaluation's F1 with MinF1; the model steps run only when it holds.</summary>
    private static JsonObject Condition(string roleArn, string trainingImage, string modelPackageGroup) => new()
    {
        ["Name"] = "CheckQuality",
        ["Type"] = "Condition",
        ["Description"] = PipelineTimeline.Description("CheckQuality"),
        ["Arguments"] = new JsonObject
        {
            ["Conditions"] = new JsonArray(new JsonObject
            {
                ["Type"] = "GreaterThanOrEqualTo",
                ["LeftValue"] = new JsonObject
                {
                    ["Std:JsonGet"] = new JsonObject
                    {
                        ["PropertyFile"] = Get("Steps.Evaluate.PropertyFiles.EvaluationReport"),
                        ["Path"] = "metrics.f1.value",
                    },
                },
                ["RightValue"] = Get("Parameters.MinF1"),
            }),
            ["IfSteps"] = new JsonArray(
                new JsonObject
                {
                    ["Name"] = "CreateModel",
                    ["Type"] = "Model",
                    ["Arguments"] = new JsonObject
                    {
                        ["ExecutionRoleArn"] = roleArn,
                        ["PrimaryContainer"] = new JsonObject
                        {
                            ["Image"] = trainingImage,
                            ["ModelDataUrl"] = Get("Steps.Train.ModelArtifacts.S3ModelArtifacts"),
                        },
                    },
                },
                new JsonObject
                {
                    ["Name"] = "RegisterModel",
                    ["Type"] = "RegisterModel",
                    ["Arguments"] = new JsonObject
                    {
                        ["ModelPackageGroupName"] = modelPackageGroup,
                        ["ModelApprovalStatus"] = Get("Parameters.ApprovalStatus"),
                        ["InferenceSpecification"] = new JsonObject
                        {
                            ["Containers"] = new JsonArray(new JsonObject
                            {
                                ["Image"] = trainingImage,
                                ["ModelDataUrl"] = Get("Steps.Train.ModelArtifacts.S3ModelArtifacts"),
                            }),
                            ["SupportedContentTypes"] = new JsonArray("text/csv"),
                            ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
                        },
                    },
                }),
            ["ElseSteps"] = new JsonArray(),
        },
    };
}
