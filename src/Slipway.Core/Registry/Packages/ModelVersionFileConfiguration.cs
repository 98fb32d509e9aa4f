using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Registry.Packages;

internal sealed class ModelVersionFileConfiguration : IEntityTypeConfiguration<ModelVersionFile>
{
    public void Configure(EntityTypeBuilder<ModelVersionFile> builder)
    {
        builder.ToTable("model_version_files");
        builder.HasKey(f => new { f.RegisteredModelId, f.Version, f.Path });
        builder.Property(f => f.Path).HasMaxLength(1000);
        builder.Property(f => f.Sha256).HasMaxLength(64);
    }
}
