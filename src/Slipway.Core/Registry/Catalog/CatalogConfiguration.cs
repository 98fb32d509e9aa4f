using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Registry.Catalog;

internal sealed class CatalogConfiguration : IEntityTypeConfiguration<ModelCard>, IEntityTypeConfiguration<CatalogEntry>
{
    public void Configure(EntityTypeBuilder<ModelCard> builder)
    {
        builder.ToTable("model_cards");
        builder.HasKey(c => new { c.RegisteredModelId, c.Version });
        builder.Property(c => c.License).HasMaxLength(256);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<CatalogEntry> builder)
    {
        builder.ToTable("catalog_entries");
        builder.HasKey(c => new { c.RegisteredModelId, c.Version });
        builder.Property(c => c.ModelName).HasMaxLength(RegistryLimits.NameLength);
        builder.Property(c => c.Flavor).HasMaxLength(64);
        builder.Property(c => c.Origin).HasMaxLength(20);
        builder.HasIndex(c => new { c.WorkspaceId, c.ModelName });
    }
}
