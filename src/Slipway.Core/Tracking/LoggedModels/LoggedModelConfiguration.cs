using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Tracking.LoggedModels;

internal sealed class LoggedModelConfiguration :
    IEntityTypeConfiguration<LoggedModel>,
    IEntityTypeConfiguration<LoggedModelTag>,
    IEntityTypeConfiguration<LoggedModelParam>,
    IEntityTypeConfiguration<LoggedModelMetric>
{
    public void Configure(EntityTypeBuilder<LoggedModel> builder)
    {
        builder.ToTable("logged_models");
        builder.Property(m => m.Id).HasMaxLength(34);
        builder.Property(m => m.Name).HasMaxLength(500);
        builder.Property(m => m.ArtifactUri).HasMaxLength(2000);
        builder.Property(m => m.Status).HasMaxLength(40);
        builder.Property(m => m.ModelType).HasMaxLength(500);
        builder.Property(m => m.SourceRunId).HasMaxLength(32);
        builder.Property(m => m.LifecycleStage).HasMaxLength(16);
        builder.HasOne<Experiment>().WithMany().HasForeignKey(m => m.ExperimentId);
        builder.HasIndex(m => new { m.ExperimentId, m.CreationTimestamp });
    }

    public void Configure(EntityTypeBuilder<LoggedModelTag> builder)
    {
        builder.ToTable("logged_model_tags");
        builder.HasKey(t => new { t.ModelId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.HasOne<LoggedModel>().WithMany().HasForeignKey(t => t.ModelId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LoggedModelParam> builder)
    {
        builder.ToTable("logged_model_params");
        builder.HasKey(p => new { p.ModelId, p.Key });
        builder.Property(p => p.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.Property(p => p.Value).HasMaxLength(TrackingLimits.ParamValueLength);
        builder.HasOne<LoggedModel>().WithMany().HasForeignKey(p => p.ModelId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LoggedModelMetric> builder)
    {
        builder.ToTable("logged_model_metrics");
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.Property(m => m.DatasetName).HasMaxLength(TrackingLimits.DatasetNameLength);
        builder.Property(m => m.DatasetDigest).HasMaxLength(TrackingLimits.DatasetDigestLength);
        builder.HasIndex(m => new { m.ModelId, m.Key, m.Timestamp, m.Step, m.Value, m.IsNan, m.RunId }).IsUnique();
        builder.HasOne<LoggedModel>().WithMany().HasForeignKey(m => m.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
