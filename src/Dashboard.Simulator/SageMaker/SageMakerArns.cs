namespace Dashboard.Simulator.SageMaker;

/// <summary>ARNs as SageMaker prints them: the resource name is lower-cased (observed on real accounts).</summary>
public sealed class SageMakerArns(string region, string accountId)
{
    public string Endpoint(string name) => $"arn:aws:sagemaker:{region}:{accountId}:endpoint/{name.ToLowerInvariant()}";

    public string EndpointConfig(string name) => $"arn:aws:sagemaker:{region}:{accountId}:endpoint-config/{name.ToLowerInvariant()}";

    public string Model(string name) => $"arn:aws:sagemaker:{region}:{accountId}:model/{name.ToLowerInvariant()}";

    public string MonitoringSchedule(string name) => $"arn:aws:sagemaker:{region}:{accountId}:monitoring-schedule/{name.ToLowerInvariant()}";

    public string ProcessingJob(string name) => $"arn:aws:sagemaker:{region}:{accountId}:processing-job/{name.ToLowerInvariant()}";

    public string TrainingJob(string name) => $"arn:aws:sagemaker:{region}:{accountId}:training-job/{name.ToLowerInvariant()}";

    public string Pipeline(string name) => $"arn:aws:sagemaker:{region}:{accountId}:pipeline/{name.ToLowerInvariant()}";

    /// <summary>A version of a model package group (what a RegisterModel step creates).</summary>
    public string ModelPackage(string group, int version) => $"arn:aws:sagemaker:{region}:{accountId}:model-package/{group.ToLowerInvariant()}/{version}";

    public string Role(string name) => $"arn:aws:iam::{accountId}:role/{name}";

    public string DataCaptureUri(string endpointName) => $"s3://sagemaker-{region}-{accountId}/datacapture/{endpointName}";
}
