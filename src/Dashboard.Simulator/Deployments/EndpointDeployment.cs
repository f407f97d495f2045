using System.Globalization;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Deployments;

/// <summary>
/// One UpdateEndpoint: the old (blue) and new (green) configs, the phases of its policy, and, once known, how it rolled
/// back. The rollback is found lazily from the alarm states up to the moment asked about; once found it never changes,
/// so the outcome does not depend on when callers look.
/// </summary>
public sealed class EndpointDeployment
{
    private readonly DeploymentContext _context;
    private RollbackDecision? _rollback;

    // Alarm states before this moment were final when found clean: no need to read them again (ticks, for Interlocked).
    private long _cleanUntilTicks = long.MinValue;

    public EndpointDeployment(string endpointName, SimulatedConfig oldConfig, IReadOnlyList<VariantProfile> blue, SimulatedConfig newConfig,
        IReadOnlyList<VariantProfile> green, DeploymentConfig? config, DateTimeOffset start, double speed, DeploymentContext context)
    {
        EndpointName = endpointName;
        OldConfig = oldConfig;
        Blue = blue;
        NewConfig = newConfig;
        Green = green;
        Config = config;
        StartTime = start;
        Speed = speed;
        _context = context;
        Phases = DeploymentTimeline.Plan(config, start, green.Sum(v => v.MinInstances), blue.Sum(v => v.MinInstances), speed);
        CompletesAt = Phases[^1].End;
        var timeout = config?.BlueGreenUpdatePolicy?.MaximumExecutionTimeoutInSeconds ?? config?.RollingUpdatePolicy?.MaximumExecutionTimeoutInSeconds;
        Deadline = timeout is { } seconds ? start + TimeSpan.FromSeconds(seconds) / speed : null;
        AlarmNames = config?.AutoRollbackConfiguration?.Alarms.Select(a => a.AlarmName).Distinct(StringComparer.Ordinal).ToList() ?? [];
        ChangesVariants = !blue.Select(v => v.Name).Order(StringComparer.Ordinal)
            .SequenceEqual(green.Select(v => v.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public string EndpointName { get; }
    public SimulatedConfig OldConfig { get; }
    public SimulatedConfig NewConfig { get; }

    /// <summary>The variants as they served before the deployment.</summary>
    public IReadOnlyList<VariantProfile> Blue { get; }

    /// <summary>The variants as the new config makes them (the same names, unless <see cref="ChangesVariants"/>).</summary>
    public IReadOnlyList<VariantProfile> Green { get; }

    /// <summary>
    /// The new config adds or removes variants (an update without DeploymentConfig): the old fleet serves until the
    /// first whole minute after completion, then the new set of variants all at once.
    /// </summary>
    public bool ChangesVariants { get; }

    public VariantProfile? BlueOf(string variant) => Blue.FirstOrDefault(v => v.Name == variant);

    public VariantProfile? GreenOf(string variant) => Green.FirstOrDefault(v => v.Name == variant);

    public DeploymentConfig? Config { get; }
    public DateTimeOffset StartTime { get; }
    public double Speed { get; }
    public IReadOnlyList<DeploymentPhase> Phases { get; }
    public DateTimeOffset CompletesAt { get; }
    public DateTimeOffset? Deadline { get; }
    public IReadOnlyList<string> AlarmNames { get; }

    public DateTimeOffset RollbackEnds(RollbackDecision rollback) => rollback.At + DeploymentTimeline.RollingBack / Speed;

    public DeploymentPhase? PhaseAt(DateTimeOffset time) => Phases.LastOrDefault(p => p.Start <= time && time < p.End)
        ?? Phases.LastOrDefault(p => p.Start <= time && p.End == p.Start && time < CompletesAt);

    /// <summary>
    /// The rollback that happened before <paramref name="until"/>, if any. The alarm states before it must be final
    /// (caught up); they are, for any moment up to the simulator's now.
    /// </summary>
    public RollbackDecision? RollbackBefore(DateTimeOffset until)
    {
        if (Volatile.Read(ref _rollback) is { } known)
        {
            return known.At < until ? known : null;
        }
        var horizon = until < CompletesAt ? until : CompletesAt;
        if (horizon.UtcTicks <= Interlocked.Read(ref _cleanUntilTicks) && (Deadline is null || Deadline >= horizon))
        {
            return null;
        }
        (string Cause, DateTimeOffset At, double Share)? first = null;
        if (_context.Alarms is { } alarms && AlarmNames.Count > 0)
        {
            foreach (var phase in Phases.Where(p => p.Watched && p.Start < horizon))
            {
                var end = phase.End < horizon ? phase.End : horizon;
                if (alarms.FirstInAlarm(AlarmNames, phase.Start, end) is { } hit)
                {
                    var time = hit.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    first = ($"CloudWatch alarm \"{hit.Alarm}\" was in ALARM at {time} while the new fleet was baking with {Percent(phase.GreenShare)} of traffic",
                        hit.At, phase.GreenShare);
                    break;
                }
            }
        }
        if (Deadline is { } deadline && deadline < CompletesAt && deadline < until && (first is null || deadline < first.Value.At))
        {
            var seconds = (Config?.BlueGreenUpdatePolicy?.MaximumExecutionTimeoutInSeconds ?? Config?.RollingUpdatePolicy?.MaximumExecutionTimeoutInSeconds)!.Value;
            first = ($"the deployment did not complete within MaximumExecutionTimeoutInSeconds ({seconds.ToString(CultureInfo.InvariantCulture)} s)",
                deadline, ShareAtInstant(deadline));
        }
        if (first is not { } found)
        {
            if (_context.Alarms is { } caught && horizon <= caught.CaughtUpTo)
            {
                var ticks = horizon.UtcTicks;
                for (var seen = Interlocked.Read(ref _cleanUntilTicks); seen < ticks; seen = Interlocked.Read(ref _cleanUntilTicks))
                {
                    if (Interlocked.CompareExchange(ref _cleanUntilTicks, ticks, seen) == seen)
                    {
                        break;
                    }
                }
            }
            return null;
        }
        var faults = _context.Faults;
        var decision = new RollbackDecision(found.At, found.Cause, found.Share, faults?.TakeRollbackFailure() ?? false,
            faults?.SilentRollbacks ?? false);
        return Interlocked.CompareExchange(ref _rollback, decision, null) ?? decision;
    }

    /// <summary>What DescribeEndpoint says after the rollback, worded for people (the dashboard shows it as is).</summary>
    public string FailureReason(RollbackDecision rollback) => rollback switch
    {
        { Failed: true } => $"Rollback failed after {rollback.Cause}: the endpoint serves endpoint config \"{NewConfig.Name}\" on "
            + $"{Percent(rollback.ShareAtRollback)} of its traffic and \"{OldConfig.Name}\" on the rest. Update the endpoint to one endpoint config to recover.",
        { Silent: true } => "",
        _ => $"Deployment rolled back to endpoint config \"{OldConfig.Name}\": {rollback.Cause}.",
    };

    /// <summary>The new fleet's share of each variant's traffic in <paramref name="minute"/> (minutes since the epoch).</summary>
    public double ShareAt(long minute)
    {
        if (ChangesVariants)
        {
            return CompletedBy(minute) ? 1 : 0;
        }
        if (RollbackBefore(DateTimeOffset.FromUnixTimeSeconds(minute * 60)) is { } rollback && minute >= MinuteAfter(rollback.At))
        {
            return rollback.Failed ? rollback.ShareAtRollback : 0;
        }
        var share = 0.0;
        foreach (var phase in Phases)
        {
            if (EffectiveMinute(phase.Start) <= minute)
            {
                share = phase.GreenShare;
            }
        }
        return share;
    }

    /// <summary>True from the first whole minute after the deployment completed without rolling back.</summary>
    public bool CompletedBy(long minute) =>
        EffectiveMinute(CompletesAt) <= minute && RollbackBefore(CompletesAt) is null;

    private double ShareAtInstant(DateTimeOffset time) => Phases.LastOrDefault(p => p.Start <= time)?.GreenShare ?? 0;

    /// <summary>A change at an instant shapes traffic from the first whole minute at or after it.</summary>
    public static long EffectiveMinute(DateTimeOffset time) => LoadModel.FloorDiv(time.ToUnixTimeMilliseconds() + 59_999, 60_000);

    /// <summary>A rollback decided at an instant sends traffic back from the next whole minute.</summary>
    public static long MinuteAfter(DateTimeOffset time) => LoadModel.FloorDiv(time.ToUnixTimeMilliseconds(), 60_000) + 1;

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
