namespace Dashboard.Simulator.Deployments;

/// <summary>When the simulator started (its clock): the demo's scheduled deployment is placed relative to it.</summary>
public sealed record SimulatorStart(DateTimeOffset At);
