using System.Globalization;

namespace Dashboard.Simulator.Scenario;

/// <summary>
/// Grows the fleet beyond the ten hand-written endpoints (Simulator:FleetSize) for scale and cost runs: endpoint
/// number n (from 11) copies template (n − 1) mod 10 under the name "{template}-{n:000}", so its noise, ARNs and
/// series are its own while its story (load shape, GPUs, drift, bursts, status) is the template's.
/// </summary>
public static class FleetClones
{
    public const int DefaultSize = 10;
    public const int MaxSize = 1000;

    public static IReadOnlyList<EndpointProfile> Extend(IReadOnlyList<EndpointProfile> templates, int fleetSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fleetSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fleetSize, MaxSize);
        if (fleetSize <= templates.Count)
        {
            return templates.Take(fleetSize).ToList();
        }
        var fleet = new List<EndpointProfile>(fleetSize);
        fleet.AddRange(templates);
        for (var number = templates.Count + 1; number <= fleetSize; number++)
        {
            fleet.Add(Clone(templates[(number - 1) % templates.Count], number));
        }
        return fleet;
    }

    private static EndpointProfile Clone(EndpointProfile template, int number)
    {
        var name = template.Name + "-" + number.ToString("000", CultureInfo.InvariantCulture);
        return template with
        {
            Name = name,
            ConfigName = name + "-config",
            Monitor = template.Monitor is { } monitor ? monitor with { ScheduleName = name + "-data-quality" } : null,
            // The template's retraining pipeline retrains the template only.
            Capture = template.Capture is { } capture ? capture with { RetrainingPipeline = null } : null,
            Demonstrates = $"A copy of {template.Name} (Simulator:FleetSize). " + template.Demonstrates,
        };
    }
}
