using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Infrastructure.Artifacts;

internal sealed class ArtifactFileConfiguration : IEntityTypeConfiguration<ArtifactFile>
{
    public void Configure(EntityTypeBuilder<ArtifactFile> builder)
    {
        builder.ToTable("artifact_files");
        builder.HasKey(a => a.Path);
        builder.Property(a => a.Path).HasMaxLength(1024);
        builder.Property(a => a.Sha256).HasMaxLength(64);
    }
}
