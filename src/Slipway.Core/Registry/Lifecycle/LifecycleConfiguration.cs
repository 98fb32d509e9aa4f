using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Registry.Lifecycle;

internal sealed class LifecycleConfiguration : IEntityTypeConfiguration<VersionHold>, IEntityTypeConfiguration<RetentionPolicy>
{
    public void Configure(EntityTypeBuilder<VersionHold> builder)
    {
        builder.ToTable("version_holds");
        builder.HasKey(h => new { h.RegisteredModelId, h.Version, h.Kind, h.Reference });
        builder.Property(h => h.Kind).HasMaxLength(40);
        builder.Property(h => h.Reference).HasMaxLength(256);
        builder.Property(h => h.Reason).HasMaxLength(1000);
        builder.Property(h => h.CreatedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<RetentionPolicy> builder)
    {
        builder.ToTable("retention_policies");
        builder.HasKey(p => p.RegisteredModelId);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.HasOne<RegisteredModel>().WithOne().HasForeignKey<RetentionPolicy>(p => p.RegisteredModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
