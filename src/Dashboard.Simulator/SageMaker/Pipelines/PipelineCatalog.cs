using Dashboard.Core.SageMaker;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>
/// The account's retraining pipelines: <c>credit-risk-retrain</c> for the drifting credit-risk endpoint (one success
/// that created the candidate credit-risk-glm-v5, and one failure after the drift began) and <c>churn-retrain</c> for
/// churn-prod (one success that created churn-xgboost-2026-11). A pipeline exists only when its endpoint does.
/// </summary>
public static class PipelineCatalog
{
    public const string CreditRisk = "credit-risk-retrain";
    public const string Churn = "churn-retrain";

    public static IReadOnlyList<SimulatedPipeline> Create(FleetScenario scenario, SageMakerArns arns, S3Catalog s3, string region)
    {
        var bucket = s3.BucketName;
        var anchor = scenario.Anchor;
        var role = arns.Role("SageMakerExecutionRole");
        var pipelines = new List<SimulatedPipeline>();
        if (scenario.FindEndpoint("credit-risk") is not null && scenario.FindModel("credit-risk-glm-v5") is { } glmV5)
        {
            var parameters = Parameters($"s3://{bucket}/{s3.CapturePrefix("credit-risk")}", "0.72");
            pipelines.Add(new SimulatedPipeline(CreditRisk, "credit-risk",
                "Retrains the credit-risk GLM on recent captured traffic and registers it for approval.",
                anchor.AddDays(-58).AddSeconds(2_417.31), anchor.AddDays(-21).AddSeconds(9_033.6))
            {
                ModelPrefix = "credit-risk-glm-v5",
                TemplateModel = glmV5.Name,
                ModelPackageGroup = "credit-risk-models",
                Parameters = parameters,
                Definition = PipelineDefinitionBuilder.Build(parameters, role, bucket, "credit-risk-models", TrainingImage(region)),
                History =
                [
                    new PastExecution(PipelineTimeline.StartFor(glmV5.CreationTime), "retrain-glm-v5", null, null, glmV5.Name),
                    new PastExecution(anchor.AddDays(-2).AddSeconds(-5_012.4), "retrain-after-drift", "Train",
                        "AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage \"ValueError: Input X contains NaN: "
                        + "credit_utilization has missing values in 4.2 % of rows\"\nCommand \"/miniconda3/bin/python3 train.py\"", null),
                ],
            });
        }
        if (scenario.FindEndpoint("churn-prod") is not null && scenario.FindModel("churn-xgboost-2026-11") is { } churnNov)
        {
            var parameters = Parameters($"s3://{bucket}/{s3.CapturePrefix("churn-prod")}", "0.65");
            pipelines.Add(new SimulatedPipeline(Churn, "churn-prod",
                "Retrains the churn XGBoost model on the last 30 days of captured traffic.",
                anchor.AddDays(-75).AddSeconds(14_402.9), anchor.AddDays(-30).AddSeconds(3_307.25))
            {
                ModelPrefix = "churn-xgboost",
                TemplateModel = churnNov.Name,
                ModelPackageGroup = "churn-models",
                Parameters = parameters,
                Definition = PipelineDefinitionBuilder.Build(parameters, role, bucket, "churn-models", TrainingImage(region)),
                History = [new PastExecution(PipelineTimeline.StartFor(churnNov.CreationTime), "monthly-retrain", null, null, churnNov.Name)],
            });
        }
        return pipelines;
    }

    /// <summary>The parameters the dashboard's form lists: where the data is, the instance, one hyperparameter, the gate and the approval.</summary>
    private static IReadOnlyList<PipelineParameterDefinition> Parameters(string inputDataUrl, string minF1) =>
    [
        new("InputDataUrl", PipelineParameterTypes.String, inputDataUrl),
        new("TrainingInstanceType", PipelineParameterTypes.String, "ml.m5.xlarge"),
        new("MaxDepth", PipelineParameterTypes.Integer, "6"),
        new("MinF1", PipelineParameterTypes.Float, minF1),
        new("ApprovalStatus", PipelineParameterTypes.String, "PendingManualApproval", ["PendingManualApproval", "Approved", "Rejected"]),
    ];

    /// <summary>The SageMaker XGBoost image (its registry account is AWS's in us-east-1).</summary>
    private static string TrainingImage(string region) => $"683313688378.dkr.ecr.{region}.amazonaws.com/sagemaker-xgboost:1.7-1";
}
