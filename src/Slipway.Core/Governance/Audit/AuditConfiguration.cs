using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slipway.Core.Governance.Audit;

internal sealed class AuditConfiguration :
    IEntityTypeConfiguration<AuditEvent>, IEntityTypeConfiguration<AuditHead>, IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Seq);
        builder.Property(e => e.Seq).ValueGeneratedNever();
        builder.Property(e => e.Id).HasMaxLength(26);
        builder.Property(e => e.Ts).HasMaxLength(24);
        builder.Property(e => e.Schema).HasMaxLength(40);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.ErrorCode).HasMaxLength(100);
        builder.Property(e => e.PrevHash).HasMaxLength(44);
        builder.Property(e => e.Hash).HasMaxLength(44);
        builder.HasIndex(e => e.Id).IsUnique();
        builder.HasIndex(e => new { e.Action, e.Seq });
    }

    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("audit_head");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(44);
        builder.HasData(new AuditHead { Id = AuditHead.SingletonId, Seq = 0, Hash = AuditHashing.GenesisHash });
    }

    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.Root).HasMaxLength(44);
        builder.Property(c => c.Signature).HasMaxLength(200);
        builder.Property(c => c.Text).HasMaxLength(2000);
        builder.HasIndex(c => c.Size).IsUnique();
    }
}
