using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slipway.Core.Governance;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Deployments;

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> builder)
    {
        builder.ToTable("deployments");
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.Name).HasMaxLength(128);
        builder.Property(d => d.Salt).HasMaxLength(32);
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.Property(d => d.Generation).IsConcurrencyToken();
        builder.HasIndex(d => new { d.WorkspaceId, d.Name }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(d => d.WorkspaceId);
    }
}

internal sealed class PredictionRecordConfiguration : IEntityTypeConfiguration<PredictionRecord>
{
    public void Configure(EntityTypeBuilder<PredictionRecord> builder)
    {
        builder.ToTable("prediction_records");
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property(p => p.PredictionId).HasMaxLength(36);
        builder.Property(p => p.Deployment).HasMaxLength(128);
        builder.Property(p => p.ModelName).HasMaxLength(256);
        builder.Property(p => p.RouteId).HasMaxLength(64);
        builder.Property(p => p.Role).HasMaxLength(16);
        builder.Property(p => p.Status).HasMaxLength(16);
        builder.Property(p => p.ErrorCode).HasMaxLength(64);
        builder.HasIndex(p => p.PredictionId);
        builder.HasIndex(p => new { p.WorkspaceId, p.Deployment, p.Timestamp });
    }
}
