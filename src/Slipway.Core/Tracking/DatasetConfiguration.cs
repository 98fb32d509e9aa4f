using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Tracking;

internal sealed class DatasetConfiguration :
    IEntityTypeConfiguration<Dataset>,
    IEntityTypeConfiguration<RunDatasetInput>,
    IEntityTypeConfiguration<InputTag>,
    IEntityTypeConfiguration<RunModelLink>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("datasets");
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.Name).HasMaxLength(TrackingLimits.DatasetNameLength);
        builder.Property(d => d.Digest).HasMaxLength(TrackingLimits.DatasetDigestLength);
        builder.Property(d => d.SourceType).HasMaxLength(64);
        builder.HasIndex(d => new { d.ExperimentId, d.Name, d.Digest }).IsUnique();
        builder.HasOne<Experiment>().WithMany().HasForeignKey(d => d.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RunDatasetInput> builder)
    {
        builder.ToTable("run_dataset_inputs");
        builder.HasKey(i => new { i.RunId, i.DatasetId });
        builder.HasOne<Run>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Dataset>().WithMany().HasForeignKey(i => i.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<InputTag> builder)
    {
        builder.ToTable("input_tags");
        builder.HasKey(t => new { t.RunId, t.DatasetId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(TrackingLimits.InputTagKeyLength);
        builder.Property(t => t.Value).HasMaxLength(TrackingLimits.InputTagValueLength);
        builder.HasOne<RunDatasetInput>().WithMany().HasForeignKey(t => new { t.RunId, t.DatasetId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RunModelLink> builder)
    {
        builder.ToTable("run_model_links");
        builder.HasKey(l => new { l.RunId, l.ModelId, l.Direction });
        builder.Property(l => l.ModelId).HasMaxLength(34);
        builder.Property(l => l.Direction).HasMaxLength(8);
        builder.HasOne<Run>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
