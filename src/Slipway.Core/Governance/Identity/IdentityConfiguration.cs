using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Governance.Identity;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Id).ValueGeneratedOnAdd();
        builder.Property(u => u.Name).HasMaxLength(User.NameLength);
        builder.Property(u => u.NormalizedName).HasMaxLength(User.NameLength);
        builder.Property(u => u.DisplayName).HasMaxLength(256);
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.Kind).HasMaxLength(16);
        builder.Property(u => u.PasswordHash).HasMaxLength(256);
        builder.Property(u => u.TotpSecret).HasMaxLength(1024);
        builder.Property(u => u.OidcIssuer).HasMaxLength(512);
        builder.Property(u => u.OidcSubject).HasMaxLength(256);
        builder.Property(u => u.CreatedBy).HasMaxLength(256);
        builder.HasIndex(u => u.NormalizedName).IsUnique();
        builder.HasIndex(u => new { u.OidcIssuer, u.OidcSubject }).IsUnique();
        builder.HasData(new User
        {
            Id = User.AdminId,
            Name = User.AdminName,
            NormalizedName = User.AdminName,
            Kind = PrincipalKinds.User,
            IsAdmin = true,
            Active = true,
            CreatedAt = 0,
            CreatedBy = "system",
        });
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("groups");
        builder.Property(g => g.Id).ValueGeneratedOnAdd();
        builder.Property(g => g.Name).HasMaxLength(256);
        builder.Property(g => g.NormalizedName).HasMaxLength(256);
        builder.Property(g => g.Description).HasMaxLength(4096);
        builder.Property(g => g.Source).HasMaxLength(16);
        builder.HasIndex(g => g.NormalizedName).IsUnique();
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("group_members");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.Hash).HasMaxLength(64);
        builder.Property(s => s.CsrfHash).HasMaxLength(64);
        builder.Property(s => s.AuthMethod).HasMaxLength(32);
        builder.Property(s => s.Ip).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.HasIndex(s => s.Hash).IsUnique();
        builder.HasIndex(s => s.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.ToTable("recovery_codes");
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.HasIndex(c => new { c.UserId, c.Hash }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
