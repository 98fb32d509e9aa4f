using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Slipway.Database.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegistryCatalogLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "archived_at",
                table: "model_versions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "author",
                table: "model_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "model_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<long>(
                name: "files_deleted_at",
                table: "model_versions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "flavor",
                table: "model_versions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "flavors",
                table: "model_versions",
                type: "text",
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "input_example_path",
                table: "model_versions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "license",
                table: "model_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "model_versions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "package_format",
                table: "model_versions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "provenance_origin",
                table: "model_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "signature",
                table: "model_versions",
                type: "text",
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "source_url",
                table: "model_versions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "storage_key",
                table: "model_versions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<bool>(
                name: "unsafe_format",
                table: "model_versions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "catalog_entries",
                columns: table => new
                {
                    registered_model_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    model_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    tags = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    card = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    flavor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_entries", x => new { x.registered_model_id, x.version });
                    table.ForeignKey(
                        name: "fk_catalog_entries_model_versions_registered_model_id_version",
                        columns: x => new { x.registered_model_id, x.version },
                        principalTable: "model_versions",
                        principalColumns: new[] { "registered_model_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_cards",
                columns: table => new
                {
                    registered_model_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    intended_use = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    limitations = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    training_data = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    evaluation_data = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    metrics = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    owners = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    license = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    updated_at = table.Column<long>(type: "bigint", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_cards", x => new { x.registered_model_id, x.version });
                    table.ForeignKey(
                        name: "fk_model_cards_model_versions_registered_model_id_version",
                        columns: x => new { x.registered_model_id, x.version },
                        principalTable: "model_versions",
                        principalColumns: new[] { "registered_model_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_version_files",
                columns: table => new
                {
                    registered_model_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    path = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_version_files", x => new { x.registered_model_id, x.version, x.path });
                    table.ForeignKey(
                        name: "fk_model_version_files_model_versions_registered_model_id_vers",
                        columns: x => new { x.registered_model_id, x.version },
                        principalTable: "model_versions",
                        principalColumns: new[] { "registered_model_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    registered_model_id = table.Column<long>(type: "bigint", nullable: false),
                    model_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    version = table.Column<int>(type: "integer", nullable: true),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "retention_policies",
                columns: table => new
                {
                    registered_model_id = table.Column<long>(type: "bigint", nullable: false),
                    keep_newest = table.Column<int>(type: "integer", nullable: true),
                    archive_after_days = table.Column<int>(type: "integer", nullable: true),
                    delete_files_after_days = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    last_run_at = table.Column<long>(type: "bigint", nullable: true),
                    updated_at = table.Column<long>(type: "bigint", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retention_policies", x => x.registered_model_id);
                    table.ForeignKey(
                        name: "fk_retention_policies_registered_models_registered_model_id",
                        column: x => x.registered_model_id,
                        principalTable: "registered_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "version_holds",
                columns: table => new
                {
                    registered_model_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    reference = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_version_holds", x => new { x.registered_model_id, x.version, x.kind, x.reference });
                    table.ForeignKey(
                        name: "fk_version_holds_model_versions_registered_model_id_version",
                        columns: x => new { x.registered_model_id, x.version },
                        principalTable: "model_versions",
                        principalColumns: new[] { "registered_model_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhooks",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false, collation: "C"),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    events = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false, collation: "C"),
                    protected_secret = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    creation_timestamp = table.Column<long>(type: "bigint", nullable: false),
                    last_updated_timestamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhooks", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhooks_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    webhook_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    event_id = table.Column<long>(type: "bigint", nullable: true),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    payload = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<long>(type: "bigint", nullable: false),
                    claimed_until = table.Column<long>(type: "bigint", nullable: true),
                    claimed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    completed_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhooks_webhook_id",
                        column: x => x.webhook_id,
                        principalTable: "webhooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_entries_workspace_id_model_name",
                table: "catalog_entries",
                columns: new[] { "workspace_id", "model_name" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_events_registered_model_id_version_id",
                table: "registry_events",
                columns: new[] { "registered_model_id", "version", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_events_workspace_id_id",
                table: "registry_events",
                columns: new[] { "workspace_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_status_next_attempt_at",
                table: "webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_webhook_id_created_at",
                table: "webhook_deliveries",
                columns: new[] { "webhook_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhooks_workspace_id",
                table: "webhooks",
                column: "workspace_id");

            // Full-text search over the catalog: a weighted tsvector kept by the database, with a GIN index.
            migrationBuilder.Sql("""
                ALTER TABLE catalog_entries ADD COLUMN document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', model_name), 'A') ||
                    setweight(to_tsvector('english', description), 'B') ||
                    setweight(to_tsvector('simple', tags), 'B') ||
                    setweight(to_tsvector('english', card), 'C')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_catalog_entries_document ON catalog_entries USING gin (document);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_entries");

            migrationBuilder.DropTable(
                name: "model_cards");

            migrationBuilder.DropTable(
                name: "model_version_files");

            migrationBuilder.DropTable(
                name: "registry_events");

            migrationBuilder.DropTable(
                name: "retention_policies");

            migrationBuilder.DropTable(
                name: "version_holds");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhooks");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "author",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "files_deleted_at",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "flavor",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "flavors",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "input_example_path",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "license",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "package_format",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "provenance_origin",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "signature",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "source_url",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "storage_key",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "unsafe_format",
                table: "model_versions");
        }
    }
}
