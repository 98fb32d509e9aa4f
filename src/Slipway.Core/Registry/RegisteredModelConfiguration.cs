using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slipway.Core.Governance;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

internal sealed class RegisteredModelConfiguration :
    IEntityTypeConfiguration<RegisteredModel>, IEntityTypeConfiguration<RegisteredModelTag>, IEntityTypeConfiguration<RegisteredModelAlias>
{
    public void Configure(EntityTypeBuilder<RegisteredModel> builder)
    {
        builder.ToTable("registered_models");
        builder.Property(m => m.Name).HasMaxLength(RegistryLimits.NameLength);
        builder.HasIndex(m => new { m.WorkspaceId, m.Name }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId);
        builder.HasMany(m => m.Tags).WithOne().HasForeignKey(t => t.RegisteredModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Aliases).WithOne().HasForeignKey(a => a.RegisteredModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<ModelVersion>().WithOne().HasForeignKey(v => v.RegisteredModelId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RegisteredModelTag> builder)
    {
        builder.ToTable("registered_model_tags");
        builder.HasKey(t => new { t.RegisteredModelId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(TrackingLimits.KeyLength);
        builder.Property(t => t.Value).HasMaxLength(RegistryLimits.TagValueLength);
    }

    public void Configure(EntityTypeBuilder<RegisteredModelAlias> builder)
    {
        builder.ToTable("registered_model_aliases");
        builder.HasKey(a => new { a.RegisteredModelId, a.Alias });
        builder.Property(a => a.Alias).HasMaxLength(RegistryLimits.AliasLength);
    }
}
