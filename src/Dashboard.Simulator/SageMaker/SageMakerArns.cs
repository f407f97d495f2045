namespace Dashboard.Simulator.SageMaker;

/// <summary>ARNs as SageMaker prints them: the resource name is lower-cased (observed on real accounts).</summary>
public sealed class SageMakerArns(string region, string accountId)
{
    public string Endpoint(string name) => $"arn:aws:sagemaker:{region}:{accountId}:endpoint/{name.ToLowerInvariant()}";

    public string EndpointConfig(string name) => $"arn:aws:sagemaker:{region}:{accountId}:endpoint-config/{name.ToLowerInvariant()}";

    public string Model(string name) => $"arn:aws:sagemaker:{region}:{accountId}:model/{name.ToLowerInvariant()}";

    public string DataCaptureUri(string endpointName) => $"s3://sagemaker-{region}-{accountId}/datacapture/{endpointName}";
}
