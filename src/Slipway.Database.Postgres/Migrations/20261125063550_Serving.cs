using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Slipway.Database.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Serving : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "burst",
                table: "api_tokens",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "daily_request_quota",
                table: "api_tokens",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "daily_row_quota",
                table: "api_tokens",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "default_tier",
                table: "api_tokens",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "max_tier",
                table: "api_tokens",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<double>(
                name: "rate_per_second",
                table: "api_tokens",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    spec = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    salt = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    generation = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deployments", x => x.id);
                    table.ForeignKey(
                        name: "fk_deployments_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prediction_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    prediction_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    deployment = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    model_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    version = table.Column<int>(type: "integer", nullable: true),
                    route_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    http_status = table.Column<int>(type: "integer", nullable: false),
                    error_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    record = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prediction_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deployments_workspace_id_name",
                table: "deployments",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prediction_records_prediction_id",
                table: "prediction_records",
                column: "prediction_id");

            migrationBuilder.CreateIndex(
                name: "ix_prediction_records_workspace_id_deployment_timestamp",
                table: "prediction_records",
                columns: new[] { "workspace_id", "deployment", "timestamp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deployments");

            migrationBuilder.DropTable(
                name: "prediction_records");

            migrationBuilder.DropColumn(
                name: "burst",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "daily_request_quota",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "daily_row_quota",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "default_tier",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "max_tier",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "rate_per_second",
                table: "api_tokens");
        }
    }
}
