using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Deployments;

/// <summary>The catalogue's endpoint configs plus those created since start-up; names are unique, as on SageMaker.</summary>
public sealed class EndpointConfigStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SimulatedConfig> _configs = new(StringComparer.OrdinalIgnoreCase);

    public EndpointConfigStore(IEnumerable<EndpointProfile> endpoints, Func<string, string> captureUri)
    {
        foreach (var endpoint in endpoints)
        {
            var variants = endpoint.Variants
                .Select(v => new ProductionVariant(v.Name, v.ModelName, v.MinInstances, v.InstanceType, v.CurrentWeight))
                .ToList();
            var capture = endpoint.DataCaptureSamplingPercent is { } percent
                ? new DataCaptureConfig(percent, captureUri(endpoint.Name), [new CaptureOption("Input"), new CaptureOption("Output")])
                {
                    EnableCapture = true,
                    // Content types not listed here are captured base64-encoded.
                    CaptureContentTypeHeader = endpoint.Capture is { Base64: true }
                        ? new CaptureContentTypeHeader(null, ["application/json"])
                        : new CaptureContentTypeHeader(["text/csv"], ["application/json"]),
                }
                : null;
            _configs[endpoint.ConfigName] = new SimulatedConfig(endpoint.ConfigName, ModelCatalog.ConfigCreation(endpoint), variants)
            {
                DataCapture = capture,
                VisibleFrom = endpoint.CreationTime,
                Tags = [new ResourceTag("env", "prod"), new ResourceTag("team", SageMaker.SageMakerTags.Team(endpoint.Name))],
            };
        }
    }

    /// <summary>The config named so, if it exists at <paramref name="now"/>.</summary>
    public SimulatedConfig? Find(string name, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _configs.TryGetValue(name, out var config) && config.VisibleFrom <= now ? config : null;
        }
    }

    /// <summary>The config whose ARN (lower-cased name) is <paramref name="lowerName"/>.</summary>
    public SimulatedConfig? FindLower(string lowerName, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _configs.Values.FirstOrDefault(c => c.Name.ToLowerInvariant() == lowerName && c.VisibleFrom <= now);
        }
    }

    /// <summary>Adds the config unless one of that name exists; false when it does.</summary>
    public bool TryAdd(SimulatedConfig config)
    {
        lock (_lock)
        {
            return _configs.TryAdd(config.Name, config);
        }
    }
}
