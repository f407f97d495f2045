namespace Dashboard.Simulator.SageMaker;

/// <summary>The simulated fleet's owners: which team each endpoint (or copy of one) belongs to.</summary>
public static class SageMakerTags
{
    /// <summary>The tag a retraining pipeline carries naming the endpoint whose model it retrains.</summary>
    public const string EndpointTag = "endpoint";

    public static string Team(string endpointName) => endpointName switch
    {
        _ when endpointName.StartsWith("churn", StringComparison.Ordinal) || endpointName.StartsWith("pricing", StringComparison.Ordinal)
            || endpointName.StartsWith("demand", StringComparison.Ordinal) => "growth",
        _ when endpointName.StartsWith("fraud", StringComparison.Ordinal) || endpointName.StartsWith("credit", StringComparison.Ordinal) => "risk",
        _ => "platform",
    };
}
