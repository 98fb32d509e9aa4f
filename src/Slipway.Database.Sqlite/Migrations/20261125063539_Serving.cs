using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slipway.Database.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "daily_request_quota",
                table: "api_tokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "daily_row_quota",
                table: "api_tokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "default_tier",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "max_tier",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "rate_per_second",
                table: "api_tokens",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    workspace_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    spec = table.Column<string>(type: "TEXT", nullable: false),
                    salt = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    generation = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    prediction_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    workspace_id = table.Column<long>(type: "INTEGER", nullable: false),
                    deployment = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    model_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: true),
                    route_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    http_status = table.Column<int>(type: "INTEGER", nullable: false),
                    error_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    record = table.Column<string>(type: "TEXT", nullable: false)
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
