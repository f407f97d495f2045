using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Deployments;

/// <summary>
/// The account's models: each endpoint's live model(s), created an hour before the endpoint's config, and one or two
/// newer candidates per catalogue endpoint. One candidate is clearly worse (churn-prod's release candidate), so a
/// rollback can be watched without configuring anything; the others are as good as the live model or a little better.
/// </summary>
public static class ModelCatalog
{
    /// <summary>churn-prod's worse candidate: twice the latency and about 6 % 5XX.</summary>
    public const string WorseCandidate = "churn-xgboost-2026-12-rc1";

    public static IReadOnlyList<SimulatedModel> Create(IReadOnlyList<EndpointProfile> endpoints, DateTimeOffset anchor)
    {
        DateTimeOffset Ago(double days, double extraSeconds) => anchor.AddDays(-days).AddSeconds(extraSeconds);

        var models = new Dictionary<string, SimulatedModel>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            foreach (var variant in endpoint.Variants)
            {
                models.TryAdd(variant.ModelName, new SimulatedModel(variant.ModelName, ConfigCreation(endpoint).AddHours(-1).AddSeconds(-13.5),
                    Family(variant.ModelName), Live(variant)));
            }
        }
        (string Endpoint, string Name, double Days, Func<ModelBehaviour, ModelBehaviour> Change)[] candidates =
        [
            ("churn-prod", "churn-xgboost-2026-11", 9.3, b => b with { ModelLatencyMicros = 17_000 }),
            ("churn-prod", WorseCandidate, 1.2, b => b with { ModelLatencyMicros = 36_000, Error5xxRate = 0.06 }),
            ("fraud-detector", "fraud-lightgbm-v13", 2.4, b => b with { ModelLatencyMicros = 14_200 }),
            ("recsys-ranker", "recsys-two-tower-v4", 4.1, b => b with { ModelLatencyMicros = 30_500 }),
            ("llm-summarizer", "summarizer-llama-8b-v3", 3.6, b => b with { ModelLatencyMicros = 150_000 }),
            ("search-embeddings", "e5-embeddings-v6", 5.2, b => b with { ModelLatencyMicros = 21_000 }),
            ("credit-risk", "credit-risk-glm-v5", 6.7, b => b with { ModelLatencyMicros = 15_500 }),
            ("pricing-ab", "pricing-gbm-v11", 1.9, b => b with { ModelLatencyMicros = 20_000, Error4xxRate = 0.003 }),
            ("image-moderation", "moderation-resnet-v3", 2.8, b => b with { ModelLatencyMicros = 39_000 }),
            ("demand-forecast", "deepar-demand-v2", 7.5, b => b with { ModelLatencyMicros = 80_000 }),
            ("support-intent", "intent-distilbert-v4", 0.9, b => b with { ModelLatencyMicros = 25_500, Error4xxRate = 0.003 }),
        ];
        foreach (var (endpointName, name, days, change) in candidates)
        {
            if (endpoints.FirstOrDefault(e => e.Name == endpointName) is { } endpoint)
            {
                var live = models[endpoint.Variants[^1].ModelName];
                models[name] = new SimulatedModel(name, Ago(days, 1_234.567 * name.Length), live.Family, change(live.Behaviour))
                {
                    CandidateFor = endpointName,
                };
            }
        }
        return models.Values.ToList();
    }

    /// <summary>A catalogue config is created shortly before the endpoint starts using it.</summary>
    public static DateTimeOffset ConfigCreation(EndpointProfile endpoint) => endpoint.LastModifiedTime.AddSeconds(-557.25);

    public static ModelBehaviour Live(VariantProfile variant) =>
        new(variant.ModelLatencyMicros, variant.LatencySigma, variant.Error4xxRate, variant.Error5xxRate);

    /// <summary>The image repository a model's container comes from: its name without the version.</summary>
    private static string Family(string modelName)
    {
        var dash = modelName.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? modelName[..dash] : modelName;
    }
}
