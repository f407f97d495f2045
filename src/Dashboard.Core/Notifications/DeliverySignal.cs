using Dashboard.Core.Workers;

namespace Dashboard.Core.Notifications;

/// <summary>Wakes the webhook dispatcher when deliveries are queued, so they go out at once instead of at the next round.</summary>
public sealed class DeliverySignal : WakeUpSignal;
