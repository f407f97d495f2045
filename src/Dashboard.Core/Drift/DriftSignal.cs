using Dashboard.Core.Workers;

namespace Dashboard.Core.Drift;

/// <summary>Wakes the drift reader when a feature's method or threshold changed, so its scores are restated at once.</summary>
public sealed class DriftSignal : WakeUpSignal;
