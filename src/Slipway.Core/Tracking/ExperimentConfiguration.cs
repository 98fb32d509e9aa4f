using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slipway.Core.Governance;

namespace Slipway.Core.Tracking;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>, IEntityTypeConfiguration<ExperimentTag>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.ToTable("experiments");
        // Ids come from the database sequence; 0 is the Default experiment, inserted at start-up (EF cannot seed a key of 0).
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Name).HasMaxLength(TrackingLimits.ExperimentNameLength);
        builder.Property(e => e.ArtifactLocation).HasMaxLength(2000);
        builder.Property(e => e.LifecycleStage).HasMaxLength(16);
        builder.HasIndex(e => new { e.WorkspaceId, e.Name }).IsUnique();
        builder.HasIndex(e => e.CreationTime);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId);
        builder.HasMany(e => e.Tags).WithOne().HasForeignKey(t => t.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ExperimentTag> builder)
    {
        builder.ToTable("experiment_tags");
        builder.HasKey(t => new { t.ExperimentId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.Property(t => t.Value).HasMaxLength(TrackingLimits.ExperimentTagValueLength);
    }
}
