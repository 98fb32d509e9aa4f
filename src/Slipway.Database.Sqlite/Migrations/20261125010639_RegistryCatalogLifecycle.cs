using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slipway.Database.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "author",
                table: "model_versions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "model_versions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "files_deleted_at",
                table: "model_versions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "flavor",
                table: "model_versions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "flavors",
                table: "model_versions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "input_example_path",
                table: "model_versions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "license",
                table: "model_versions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "model_versions",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "package_format",
                table: "model_versions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provenance_origin",
                table: "model_versions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "signature",
                table: "model_versions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_url",
                table: "model_versions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "storage_key",
                table: "model_versions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "unsafe_format",
                table: "model_versions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "catalog_entries",
                columns: table => new
                {
                    registered_model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    workspace_id = table.Column<long>(type: "INTEGER", nullable: false),
                    model_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    card = table.Column<string>(type: "TEXT", nullable: false),
                    flavor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
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
                    registered_model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    intended_use = table.Column<string>(type: "TEXT", nullable: false),
                    limitations = table.Column<string>(type: "TEXT", nullable: false),
                    training_data = table.Column<string>(type: "TEXT", nullable: false),
                    evaluation_data = table.Column<string>(type: "TEXT", nullable: false),
                    metrics = table.Column<string>(type: "TEXT", nullable: false),
                    owners = table.Column<string>(type: "TEXT", nullable: false),
                    license = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                    registered_model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_version_files", x => new { x.registered_model_id, x.version, x.path });
                    table.ForeignKey(
                        name: "fk_model_version_files_model_versions_registered_model_id_version",
                        columns: x => new { x.registered_model_id, x.version },
                        principalTable: "model_versions",
                        principalColumns: new[] { "registered_model_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    workspace_id = table.Column<long>(type: "INTEGER", nullable: false),
                    registered_model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    model_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: true),
                    entity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "retention_policies",
                columns: table => new
                {
                    registered_model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    keep_newest = table.Column<int>(type: "INTEGER", nullable: true),
                    archive_after_days = table.Column<int>(type: "INTEGER", nullable: true),
                    delete_files_after_days = table.Column<int>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_run_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                    registered_model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
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
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    workspace_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    events = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    protected_secret = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    creation_timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    last_updated_timestamp = table.Column<long>(type: "INTEGER", nullable: false)
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
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    webhook_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    entity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
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

            // Full-text search over the catalog: an FTS5 index whose content is catalog_entries, kept in step by triggers.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE catalog_fts USING fts5(
                    model_name, description, tags, card,
                    content='catalog_entries', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_entries_ai AFTER INSERT ON catalog_entries BEGIN
                    INSERT INTO catalog_fts(rowid, model_name, description, tags, card)
                    VALUES (new.rowid, new.model_name, new.description, new.tags, new.card);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_entries_ad AFTER DELETE ON catalog_entries BEGIN
                    INSERT INTO catalog_fts(catalog_fts, rowid, model_name, description, tags, card)
                    VALUES ('delete', old.rowid, old.model_name, old.description, old.tags, old.card);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_entries_au AFTER UPDATE ON catalog_entries BEGIN
                    INSERT INTO catalog_fts(catalog_fts, rowid, model_name, description, tags, card)
                    VALUES ('delete', old.rowid, old.model_name, old.description, old.tags, old.card);
                    INSERT INTO catalog_fts(rowid, model_name, description, tags, card)
                    VALUES (new.rowid, new.model_name, new.description, new.tags, new.card);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_entries_au;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_entries_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_entries_ai;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS catalog_fts;");

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
