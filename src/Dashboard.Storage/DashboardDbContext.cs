using Dashboard.Storage.Alarms;
using Dashboard.Storage.Audit;
using Dashboard.Storage.Baselines;
using Dashboard.Storage.DeploymentNotices;
using Dashboard.Storage.Deployments;
using Dashboard.Storage.Drift;
using Dashboard.Storage.Fleet;
using Dashboard.Storage.Metrics;
using Dashboard.Storage.Replicas;
using Dashboard.Storage.Retraining;
using Dashboard.Storage.Traffic;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage;

/// <summary>The dashboard's one database: metrics and fleet, alarms and notifications, the audit trail, and the
/// local accounts of ASP.NET Core Identity (users, roles, lockout), and the keys that protect sign-in cookies and
/// antiforgery tokens (shared, so every replica reads what another wrote).</summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredSeries> Series => Set<StoredSeries>();
    public DbSet<SeriesChunk> SeriesChunks => Set<SeriesChunk>();
    public DbSet<SeriesRollup> SeriesRollups => Set<SeriesRollup>();
    public DbSet<StoredEndpoint> Endpoints => Set<StoredEndpoint>();
    public DbSet<StoredVariant> Variants => Set<StoredVariant>();
    public DbSet<StoredAlarm> Alarms => Set<StoredAlarm>();
    public DbSet<StoredAlarmState> AlarmStates => Set<StoredAlarmState>();
    public DbSet<StoredAlarmTransition> AlarmTransitions => Set<StoredAlarmTransition>();
    public DbSet<StoredMuteWindow> MuteWindows => Set<StoredMuteWindow>();
    public DbSet<StoredWebhook> Webhooks => Set<StoredWebhook>();
    public DbSet<StoredDeployment> Deployments => Set<StoredDeployment>();
    public DbSet<StoredDeployWindow> DeployWindows => Set<StoredDeployWindow>();
    public DbSet<StoredEndpointSighting> EndpointSightings => Set<StoredEndpointSighting>();
    public DbSet<StoredDelivery> Deliveries => Set<StoredDelivery>();
    public DbSet<StoredDeploymentNotice> DeploymentNotices => Set<StoredDeploymentNotice>();
    public DbSet<StoredWatermark> Watermarks => Set<StoredWatermark>();
    public DbSet<StoredAuditRecord> AuditRecords => Set<StoredAuditRecord>();
    public DbSet<StoredTrafficChange> TrafficChanges => Set<StoredTrafficChange>();
    public DbSet<StoredBaselinePin> BaselinePins => Set<StoredBaselinePin>();
    public DbSet<StoredDriftFile> DriftFiles => Set<StoredDriftFile>();
    public DbSet<StoredFeatureHour> FeatureHours => Set<StoredFeatureHour>();
    public DbSet<StoredCaptureHour> CaptureHours => Set<StoredCaptureHour>();
    public DbSet<StoredPrediction> Predictions => Set<StoredPrediction>();
    public DbSet<StoredQualityHour> QualityHours => Set<StoredQualityHour>();
    public DbSet<StoredDriftBaseline> DriftBaselines => Set<StoredDriftBaseline>();
    public DbSet<StoredDriftBaselineFeature> DriftBaselineFeatures => Set<StoredDriftBaselineFeature>();
    public DbSet<StoredDriftFeatureSetting> DriftFeatureSettings => Set<StoredDriftFeatureSetting>();
    public DbSet<StoredRetrainingRun> RetrainingRuns => Set<StoredRetrainingRun>();
    public DbSet<StoredReplica> Replicas => Set<StoredReplica>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }
}
