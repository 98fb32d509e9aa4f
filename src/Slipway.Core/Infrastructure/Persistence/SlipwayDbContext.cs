using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Registry;
using Slipway.Core.Registry.Catalog;
using Slipway.Core.Registry.Events;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Core.Registry.Packages;
using Slipway.Core.Tracking;
using Slipway.Core.Tracking.LoggedModels;

namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// The one model of Slipway. Each provider project derives from it for what differs and keeps its own migrations.
/// </summary>
public abstract class SlipwayDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Governance.Identity.User> Users => Set<Governance.Identity.User>();

    public DbSet<Governance.Identity.Group> Groups => Set<Governance.Identity.Group>();

    public DbSet<Governance.Identity.GroupMember> GroupMembers => Set<Governance.Identity.GroupMember>();

    public DbSet<Governance.Identity.UserSession> UserSessions => Set<Governance.Identity.UserSession>();

    public DbSet<Governance.Identity.RecoveryCode> RecoveryCodes => Set<Governance.Identity.RecoveryCode>();

    public DbSet<Governance.Access.Role> Roles => Set<Governance.Access.Role>();

    public DbSet<Governance.Access.RolePermission> RolePermissions => Set<Governance.Access.RolePermission>();

    public DbSet<Governance.Access.RoleBinding> RoleBindings => Set<Governance.Access.RoleBinding>();

    public DbSet<Governance.Access.ResourceGrant> ResourceGrants => Set<Governance.Access.ResourceGrant>();

    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<ExperimentTag> ExperimentTags => Set<ExperimentTag>();

    public DbSet<Run> Runs => Set<Run>();

    public DbSet<RunParam> Params => Set<RunParam>();

    public DbSet<RunTag> Tags => Set<RunTag>();

    public DbSet<MetricPoint> Metrics => Set<MetricPoint>();

    public DbSet<LatestMetric> LatestMetrics => Set<LatestMetric>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<RunDatasetInput> RunDatasetInputs => Set<RunDatasetInput>();

    public DbSet<InputTag> InputTags => Set<InputTag>();

    public DbSet<RunModelLink> RunModelLinks => Set<RunModelLink>();

    public DbSet<LoggedModel> LoggedModels => Set<LoggedModel>();

    public DbSet<LoggedModelTag> LoggedModelTags => Set<LoggedModelTag>();

    public DbSet<LoggedModelParam> LoggedModelParams => Set<LoggedModelParam>();

    public DbSet<LoggedModelMetric> LoggedModelMetrics => Set<LoggedModelMetric>();

    public DbSet<ArtifactFile> ArtifactFiles => Set<ArtifactFile>();

    public DbSet<RegisteredModel> RegisteredModels => Set<RegisteredModel>();

    public DbSet<RegisteredModelTag> RegisteredModelTags => Set<RegisteredModelTag>();

    public DbSet<RegisteredModelAlias> RegisteredModelAliases => Set<RegisteredModelAlias>();

    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();

    public DbSet<ModelVersionTag> ModelVersionTags => Set<ModelVersionTag>();

    public DbSet<ModelVersionFile> ModelVersionFiles => Set<ModelVersionFile>();

    public DbSet<ModelCard> ModelCards => Set<ModelCard>();

    public DbSet<CatalogEntry> CatalogEntries => Set<CatalogEntry>();

    public DbSet<RegistryEvent> RegistryEvents => Set<RegistryEvent>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<VersionHold> VersionHolds => Set<VersionHold>();

    public DbSet<RetentionPolicy> RetentionPolicies => Set<RetentionPolicy>();

    public DbSet<Serving.Deployments.Deployment> Deployments => Set<Serving.Deployments.Deployment>();

    public DbSet<Serving.Telemetry.PredictionRecord> PredictionRecords => Set<Serving.Telemetry.PredictionRecord>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditHead> AuditHead => Set<AuditHead>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    /// <summary>The Data Protection key ring (webhook secrets), shared by every replica; see docs/configuration.md.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SlipwayDbContext).Assembly);
    }
}
