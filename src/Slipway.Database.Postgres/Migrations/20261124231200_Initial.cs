using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Slipway.Database.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "artifact_files",
                columns: table => new
                {
                    path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false, collation: "C"),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_artifact_files", x => x.path);
                });

            migrationBuilder.CreateTable(
                name: "workspaces",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspaces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    principal = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: true),
                    revoked_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    artifact_location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    lifecycle_stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    creation_time = table.Column<long>(type: "bigint", nullable: false),
                    last_update_time = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiments", x => x.id);
                    table.ForeignKey(
                        name: "fk_experiments_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    experiment_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    digest = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    source_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    source = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    schema = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    profile = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_datasets", x => x.id);
                    table.ForeignKey(
                        name: "fk_datasets_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "experiment_tags",
                columns: table => new
                {
                    experiment_id = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiment_tags", x => new { x.experiment_id, x.key });
                    table.ForeignKey(
                        name: "fk_experiment_tags_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "logged_models",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false, collation: "C"),
                    experiment_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    artifact_uri = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    status_message = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    creation_timestamp = table.Column<long>(type: "bigint", nullable: false),
                    last_updated_timestamp = table.Column<long>(type: "bigint", nullable: false),
                    model_type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    source_run_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C"),
                    lifecycle_stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_logged_models", x => x.id);
                    table.ForeignKey(
                        name: "fk_logged_models_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    experiment_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    user_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    start_time = table.Column<long>(type: "bigint", nullable: false),
                    end_time = table.Column<long>(type: "bigint", nullable: true),
                    lifecycle_stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    artifact_uri = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    deleted_time = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_runs_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "logged_model_metrics",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    model_id = table.Column<string>(type: "character varying(34)", nullable: false, collation: "C"),
                    run_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    is_nan = table.Column<bool>(type: "boolean", nullable: false),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<long>(type: "bigint", nullable: false),
                    dataset_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    dataset_digest = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_logged_model_metrics", x => x.id);
                    table.ForeignKey(
                        name: "fk_logged_model_metrics_logged_models_model_id",
                        column: x => x.model_id,
                        principalTable: "logged_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "logged_model_params",
                columns: table => new
                {
                    model_id = table.Column<string>(type: "character varying(34)", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_logged_model_params", x => new { x.model_id, x.key });
                    table.ForeignKey(
                        name: "fk_logged_model_params_logged_models_model_id",
                        column: x => x.model_id,
                        principalTable: "logged_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "logged_model_tags",
                columns: table => new
                {
                    model_id = table.Column<string>(type: "character varying(34)", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_logged_model_tags", x => new { x.model_id, x.key });
                    table.ForeignKey(
                        name: "fk_logged_model_tags_logged_models_model_id",
                        column: x => x.model_id,
                        principalTable: "logged_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "latest_metrics",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    is_nan = table.Column<bool>(type: "boolean", nullable: false),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_latest_metrics", x => new { x.run_id, x.key });
                    table.ForeignKey(
                        name: "fk_latest_metrics_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "metrics",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    is_nan = table.Column<bool>(type: "boolean", nullable: false),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metrics", x => new { x.run_id, x.key, x.timestamp, x.step, x.value, x.is_nan });
                    table.ForeignKey(
                        name: "fk_metrics_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "params",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_params", x => new { x.run_id, x.key });
                    table.ForeignKey(
                        name: "fk_params_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_dataset_inputs",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    dataset_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_dataset_inputs", x => new { x.run_id, x.dataset_id });
                    table.ForeignKey(
                        name: "fk_run_dataset_inputs_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_run_dataset_inputs_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_model_links",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    model_id = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false, collation: "C"),
                    direction = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    step = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_model_links", x => new { x.run_id, x.model_id, x.direction });
                    table.ForeignKey(
                        name: "fk_run_model_links_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    value = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags", x => new { x.run_id, x.key });
                    table.ForeignKey(
                        name: "fk_tags_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "input_tags",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    dataset_id = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_input_tags", x => new { x.run_id, x.dataset_id, x.key });
                    table.ForeignKey(
                        name: "fk_input_tags_run_dataset_inputs_run_id_dataset_id",
                        columns: x => new { x.run_id, x.dataset_id },
                        principalTable: "run_dataset_inputs",
                        principalColumns: new[] { "run_id", "dataset_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "workspaces",
                columns: new[] { "id", "created_at", "name" },
                values: new object[] { 1L, 0L, "default" });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_hash",
                table: "api_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_name",
                table: "api_tokens",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_workspace_id",
                table: "api_tokens",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_datasets_experiment_id_name_digest",
                table: "datasets",
                columns: new[] { "experiment_id", "name", "digest" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_experiments_creation_time",
                table: "experiments",
                column: "creation_time");

            migrationBuilder.CreateIndex(
                name: "ix_experiments_workspace_id_name",
                table: "experiments",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_latest_metrics_key_value",
                table: "latest_metrics",
                columns: new[] { "key", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_logged_model_metrics_model_id_key_timestamp_step_value_is_n",
                table: "logged_model_metrics",
                columns: new[] { "model_id", "key", "timestamp", "step", "value", "is_nan", "run_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_logged_models_experiment_id_creation_timestamp",
                table: "logged_models",
                columns: new[] { "experiment_id", "creation_timestamp" });

            migrationBuilder.CreateIndex(
                name: "ix_params_key_value",
                table: "params",
                columns: new[] { "key", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_run_dataset_inputs_dataset_id",
                table: "run_dataset_inputs",
                column: "dataset_id");

            migrationBuilder.CreateIndex(
                name: "ix_runs_experiment_id_start_time",
                table: "runs",
                columns: new[] { "experiment_id", "start_time" });

            migrationBuilder.CreateIndex(
                name: "ix_workspaces_name",
                table: "workspaces",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "artifact_files");

            migrationBuilder.DropTable(
                name: "experiment_tags");

            migrationBuilder.DropTable(
                name: "input_tags");

            migrationBuilder.DropTable(
                name: "latest_metrics");

            migrationBuilder.DropTable(
                name: "logged_model_metrics");

            migrationBuilder.DropTable(
                name: "logged_model_params");

            migrationBuilder.DropTable(
                name: "logged_model_tags");

            migrationBuilder.DropTable(
                name: "metrics");

            migrationBuilder.DropTable(
                name: "params");

            migrationBuilder.DropTable(
                name: "run_model_links");

            migrationBuilder.DropTable(
                name: "tags");

            migrationBuilder.DropTable(
                name: "run_dataset_inputs");

            migrationBuilder.DropTable(
                name: "logged_models");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "experiments");

            migrationBuilder.DropTable(
                name: "workspaces");
        }
    }
}
