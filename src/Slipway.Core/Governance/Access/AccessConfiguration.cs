using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Governance.Access;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("roles");
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.Name).HasMaxLength(Role.NameLength);
        builder.Property(r => r.Description).HasMaxLength(4096);
        // Built-in roles (no workspace) and each workspace's custom roles have unique names; the pair index
        // cannot cover NULL, so custom role creation also checks built-in names.
        builder.HasIndex(r => new { r.WorkspaceId, r.Name }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasData(BuiltinRoles.Roles);
    }
}

internal sealed class RolePermissionConfiguration : IEntityTypeConfiguration<RolePermission>
{
    public void Configure(EntityTypeBuilder<RolePermission> builder)
    {
        builder.ToTable("role_permissions");
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property(p => p.ResourceType).HasMaxLength(32);
        builder.Property(p => p.ResourcePattern).HasMaxLength(64);
        builder.Property(p => p.Capability).HasMaxLength(64);
        builder.HasIndex(p => p.RoleId);
        builder.HasOne<Role>().WithMany().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasData(BuiltinRoles.Permissions);
    }
}

internal sealed class RoleBindingConfiguration : IEntityTypeConfiguration<RoleBinding>
{
    public void Configure(EntityTypeBuilder<RoleBinding> builder)
    {
        builder.ToTable("role_bindings");
        builder.Property(b => b.Id).ValueGeneratedOnAdd();
        builder.Property(b => b.PrincipalKind).HasMaxLength(16);
        builder.Property(b => b.CreatedBy).HasMaxLength(256);
        builder.HasIndex(b => new { b.WorkspaceId, b.RoleId, b.PrincipalKind, b.PrincipalId }).IsUnique();
        builder.HasIndex(b => new { b.PrincipalKind, b.PrincipalId });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(b => b.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Role>().WithMany().HasForeignKey(b => b.RoleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResourceGrantConfiguration : IEntityTypeConfiguration<ResourceGrant>
{
    public void Configure(EntityTypeBuilder<ResourceGrant> builder)
    {
        builder.ToTable("resource_grants");
        builder.Property(g => g.Id).ValueGeneratedOnAdd();
        builder.Property(g => g.PrincipalKind).HasMaxLength(16);
        builder.Property(g => g.ResourceType).HasMaxLength(32);
        builder.Property(g => g.ResourceId).HasMaxLength(64);
        builder.Property(g => g.CreatedBy).HasMaxLength(256);
        builder.HasIndex(g => new { g.PrincipalKind, g.PrincipalId, g.ResourceType, g.ResourceId }).IsUnique();
        builder.HasIndex(g => new { g.ResourceType, g.ResourceId });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(g => g.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
