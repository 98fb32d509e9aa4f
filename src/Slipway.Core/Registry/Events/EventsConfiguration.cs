using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slipway.Core.Governance;

namespace Slipway.Core.Registry.Events;

internal sealed class EventsConfiguration :
    IEntityTypeConfiguration<RegistryEvent>, IEntityTypeConfiguration<Webhook>, IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<RegistryEvent> builder)
    {
        builder.ToTable("registry_events");
        builder.Property(e => e.ModelName).HasMaxLength(RegistryLimits.NameLength);
        builder.Property(e => e.Entity).HasMaxLength(40);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.HasIndex(e => new { e.RegisteredModelId, e.Version, e.Id });
        builder.HasIndex(e => new { e.WorkspaceId, e.Id });
    }

    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.Property(w => w.Id).HasMaxLength(64);
        builder.Property(w => w.Name).HasMaxLength(RegistryLimits.NameLength);
        builder.Property(w => w.Description).HasMaxLength(5000);
        builder.Property(w => w.Url).HasMaxLength(RegistryLimits.SourceLength);
        builder.Property(w => w.Events).HasMaxLength(5000);
        builder.Property(w => w.Status).HasMaxLength(20);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(w => w.WorkspaceId);
        builder.HasMany<WebhookDelivery>().WithOne().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Id).HasMaxLength(64);
        builder.Property(d => d.WebhookId).HasMaxLength(64);
        builder.Property(d => d.Entity).HasMaxLength(40);
        builder.Property(d => d.Action).HasMaxLength(40);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.Property(d => d.ClaimedBy).HasMaxLength(128);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.WebhookId, d.CreatedAt });
    }
}
