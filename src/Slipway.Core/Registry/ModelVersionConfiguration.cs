using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>, IEntityTypeConfiguration<ModelVersionTag>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.ToTable("model_versions");
        builder.HasKey(v => new { v.RegisteredModelId, v.Version });
        builder.Property(v => v.Source).HasMaxLength(RegistryLimits.SourceLength);
        builder.Property(v => v.StorageLocation).HasMaxLength(RegistryLimits.SourceLength);
        builder.Property(v => v.RunId).HasMaxLength(64);
        builder.Property(v => v.RunLink).HasMaxLength(RegistryLimits.SourceLength);
        builder.Property(v => v.CurrentStage).HasMaxLength(20);
        builder.Property(v => v.Status).HasMaxLength(20);
        builder.Property(v => v.StatusMessage).HasMaxLength(500);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Property(v => v.Origin).HasMaxLength(20);
        builder.Property(v => v.StorageKey).HasMaxLength(300);
        builder.Property(v => v.PackageFormat).HasMaxLength(20);
        builder.Property(v => v.Flavor).HasMaxLength(64);
        builder.Property(v => v.InputExamplePath).HasMaxLength(1000);
        builder.Property(v => v.ProvenanceOrigin).HasMaxLength(256);
        builder.Property(v => v.License).HasMaxLength(256);
        builder.Property(v => v.Author).HasMaxLength(256);
        builder.Property(v => v.SourceUrl).HasMaxLength(RegistryLimits.SourceLength);
        builder.HasMany<Packages.ModelVersionFile>().WithOne().HasForeignKey(f => new { f.RegisteredModelId, f.Version }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.ModelCard>().WithOne().HasForeignKey<Catalog.ModelCard>(c => new { c.RegisteredModelId, c.Version }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.CatalogEntry>().WithOne().HasForeignKey<Catalog.CatalogEntry>(c => new { c.RegisteredModelId, c.Version }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<Lifecycle.VersionHold>().WithOne().HasForeignKey(h => new { h.RegisteredModelId, h.Version }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Tags).WithOne().HasForeignKey(t => new { t.RegisteredModelId, t.Version }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ModelVersionTag> builder)
    {
        builder.ToTable("model_version_tags");
        builder.HasKey(t => new { t.RegisteredModelId, t.Version, t.Key });
        builder.Property(t => t.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.Property(t => t.Value).HasMaxLength(RegistryLimits.TagValueLength);
    }
}
