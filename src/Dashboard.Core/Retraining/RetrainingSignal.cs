using Dashboard.Core.Workers;

namespace Dashboard.Core.Retraining;

/// <summary>Wakes the retraining tracker when a run is approved, so the pipeline starts within moments.</summary>
public sealed class RetrainingSignal : WakeUpSignal;
