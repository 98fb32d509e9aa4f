using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slipway.Database.Sqlite.Migrations
{
    /// <summary>
    /// SQLite only: the metric history becomes a WITHOUT ROWID table, clustered on its primary key, so that each point
    /// is written to one B-tree instead of a table and its key index (about a quarter faster to insert and 40% smaller,
    /// measured with 200,000 points). EF Core has no model annotation for it, so the snapshot does not change; a later
    /// migration that rebuilds this table must keep the clause.
    /// </summary>
    public partial class MetricsWithoutRowid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "metrics_clustered" (
                    "run_id" TEXT NOT NULL,
                    "key" TEXT NOT NULL,
                    "value" REAL NOT NULL,
                    "is_nan" INTEGER NOT NULL,
                    "timestamp" INTEGER NOT NULL,
                    "step" INTEGER NOT NULL,
                    CONSTRAINT "pk_metrics" PRIMARY KEY ("run_id", "key", "timestamp", "step", "value", "is_nan"),
                    CONSTRAINT "fk_metrics_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                INSERT INTO "metrics_clustered" SELECT "run_id", "key", "value", "is_nan", "timestamp", "step" FROM "metrics";
                DROP TABLE "metrics";
                ALTER TABLE "metrics_clustered" RENAME TO "metrics";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "metrics_rowid" (
                    "run_id" TEXT NOT NULL,
                    "key" TEXT NOT NULL,
                    "value" REAL NOT NULL,
                    "is_nan" INTEGER NOT NULL,
                    "timestamp" INTEGER NOT NULL,
                    "step" INTEGER NOT NULL,
                    CONSTRAINT "pk_metrics" PRIMARY KEY ("run_id", "key", "timestamp", "step", "value", "is_nan"),
                    CONSTRAINT "fk_metrics_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE
                );
                INSERT INTO "metrics_rowid" SELECT "run_id", "key", "value", "is_nan", "timestamp", "step" FROM "metrics";
                DROP TABLE "metrics";
                ALTER TABLE "metrics_rowid" RENAME TO "metrics";
                """);
        }
    }
}
