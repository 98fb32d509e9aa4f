using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Tracking;

internal sealed class RunConfiguration :
    IEntityTypeConfiguration<Run>,
    IEntityTypeConfiguration<RunParam>,
    IEntityTypeConfiguration<RunTag>,
    IEntityTypeConfiguration<MetricPoint>,
    IEntityTypeConfiguration<LatestMetric>
{
    public void Configure(EntityTypeBuilder<Run> builder)
    {
        builder.ToTable("runs");
        builder.Property(r => r.Id).HasMaxLength(32);
        builder.Property(r => r.Name).HasMaxLength(TrackingLimits.RunNameLength);
        builder.Property(r => r.UserId).HasMaxLength(256);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.LifecycleStage).HasMaxLength(16);
        builder.Property(r => r.ArtifactUri).HasMaxLength(2000);
        builder.HasOne<Experiment>().WithMany().HasForeignKey(r => r.ExperimentId);
        builder.HasIndex(r => new { r.ExperimentId, r.StartTime });
    }

    public void Configure(EntityTypeBuilder<RunParam> builder)
    {
        builder.ToTable("params");
        builder.HasKey(p => new { p.RunId, p.Key });
        builder.Property(p => p.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.Property(p => p.Value).HasMaxLength(TrackingLimits.ParamValueLength);
        builder.HasOne<Run>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.Key, p.Value });
    }

    public void Configure(EntityTypeBuilder<RunTag> builder)
    {
        builder.ToTable("tags");
        builder.HasKey(t => new { t.RunId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.Property(t => t.Value).HasMaxLength(TrackingLimits.RunTagValueLength);
        builder.HasOne<Run>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MetricPoint> builder)
    {
        builder.ToTable("metrics");
        // The key is the whole point: an exact duplicate is ignored (ON CONFLICT DO NOTHING), as MLflow does.
        builder.HasKey(m => new { m.RunId, m.Key, m.Timestamp, m.Step, m.Value, m.IsNan });
        builder.Property(m => m.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.HasOne<Run>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LatestMetric> builder)
    {
        builder.ToTable("latest_metrics");
        builder.HasKey(m => new { m.RunId, m.Key });
        builder.Property(m => m.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.HasOne<Run>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.Key, m.Value });
    }
}
