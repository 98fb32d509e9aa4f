using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Governance;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.ToTable("workspaces");
        builder.Property(w => w.Id).ValueGeneratedOnAdd();
        builder.Property(w => w.Name).HasMaxLength(100);
        builder.Property(w => w.Description).HasMaxLength(Workspace.DescriptionLength);
        builder.HasIndex(w => w.Name).IsUnique();
        builder.HasData(new Workspace { Id = Workspace.DefaultId, Name = Workspace.DefaultName, CreatedAt = 0 });
    }
}
