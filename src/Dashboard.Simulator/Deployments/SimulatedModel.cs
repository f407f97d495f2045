namespace Dashboard.Simulator.Deployments;

/// <summary>How a model behaves once it serves: its latency and error rates at light load.</summary>
public sealed record ModelBehaviour(double ModelLatencyMicros, double LatencySigma, double Error4xxRate, double Error5xxRate);

/// <summary>A SageMaker model of the simulated account: what DescribeModel shows and how it serves traffic.</summary>
public sealed record SimulatedModel(string Name, DateTimeOffset CreationTime, string Family, ModelBehaviour Behaviour)
{
    /// <summary>The endpoint this model was trained for (null for the live models, which are on their endpoint already).</summary>
    public string? CandidateFor { get; init; }
}
