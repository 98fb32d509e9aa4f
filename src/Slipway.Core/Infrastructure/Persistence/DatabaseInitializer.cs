using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Tracking;

namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>Applies the provider's migrations and makes sure the rows that must always exist do.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        // Migrate only when something is pending: MigrateAsync also diffs the model, which costs ~100 ms of every
        // start. EF Core takes a migration lock (an advisory lock on PostgreSQL), so replicas may start together.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // The Default experiment has id 0, which EF cannot seed. Inserted at every start (a crash right after migrating
        // must not lose it); ON CONFLICT keeps this idempotent on both databases and across replicas.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO experiments (id, workspace_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES ({Experiment.DefaultId}, {Workspace.DefaultId}, {Experiment.DefaultName}, {"mlflow-artifacts:/0"}, {LifecycleStage.Active}, {now}, {now})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
    }
}
