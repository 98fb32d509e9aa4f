using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Slipway.Database.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Identity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_api_tokens_workspaces_workspace_id",
                table: "api_tokens");

            migrationBuilder.AlterColumn<long>(
                name: "workspace_id",
                table: "api_tokens",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<long>(
                name: "last_used_at",
                table: "api_tokens",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_used_ip",
                table: "api_tokens",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "max_permission",
                table: "api_tokens",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "user_id",
                table: "api_tokens",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.CreateTable(
                name: "groups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true, collation: "C"),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resource_grants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    principal_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    principal_id = table.Column<long>(type: "bigint", nullable: false),
                    resource_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    resource_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    level = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_grants", x => x.id);
                    table.ForeignKey(
                        name: "fk_resource_grants_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workspace_id = table.Column<long>(type: "bigint", nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true, collation: "C"),
                    is_builtin = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                    table.ForeignKey(
                        name: "fk_roles_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    normalized_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    display_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true, collation: "C"),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    is_admin = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    password_changed_at = table.Column<long>(type: "bigint", nullable: true),
                    totp_secret = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true, collation: "C"),
                    totp_enabled_at = table.Column<long>(type: "bigint", nullable: true),
                    totp_last_step = table.Column<long>(type: "bigint", nullable: false),
                    oidc_issuer = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true, collation: "C"),
                    oidc_subject = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    last_login_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "role_bindings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workspace_id = table.Column<long>(type: "bigint", nullable: false),
                    role_id = table.Column<long>(type: "bigint", nullable: false),
                    principal_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    principal_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_bindings", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_bindings_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_role_bindings_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_permissions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<long>(type: "bigint", nullable: false),
                    resource_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    resource_pattern = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    level = table.Column<int>(type: "integer", nullable: true),
                    capability = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_permissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_permissions_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "group_members",
                columns: table => new
                {
                    group_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    added_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_group_members", x => new { x.group_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_group_members_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_group_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recovery_codes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    used_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recovery_codes", x => x.id);
                    table.ForeignKey(
                        name: "fk_recovery_codes_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    auth_method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    mfa_at = table.Column<long>(type: "bigint", nullable: true),
                    csrf_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    last_seen_at = table.Column<long>(type: "bigint", nullable: false),
                    absolute_expires_at = table.Column<long>(type: "bigint", nullable: false),
                    revoked_at = table.Column<long>(type: "bigint", nullable: true),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_sessions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "roles",
                columns: new[] { "id", "created_at", "description", "is_builtin", "name", "workspace_id" },
                values: new object[,]
                {
                    { 1L, 0L, "READ on everything in the workspace.", true, "Viewer", null },
                    { 2L, 0L, "USE on deployments (invoke models); no artifact download.", true, "Consumer", null },
                    { 3L, 0L, "EDIT experiments, datasets and pipelines; create registered models; download artifacts; deploy to dev and staging.", true, "Data Scientist", null },
                    { 4L, 0L, "Data Scientist plus EDIT on registered models and deployments, deploy to production, manage quotas.", true, "ML Engineer", null },
                    { 5L, 0L, "READ on everything plus the approve capability.", true, "Approver", null },
                    { 6L, 0L, "READ on everything plus reading and exporting the audit trail.", true, "Auditor", null },
                    { 7L, 0L, "MANAGE on everything in the workspace: roles, grants, members, service-account tokens, webhooks.", true, "Workspace Admin", null }
                });

            migrationBuilder.InsertData(
                table: "users",
                columns: new[] { "id", "active", "created_at", "created_by", "display_name", "email", "is_admin", "kind", "last_login_at", "name", "normalized_name", "oidc_issuer", "oidc_subject", "password_changed_at", "password_hash", "totp_enabled_at", "totp_last_step", "totp_secret" },
                values: new object[] { 1L, true, 0L, "system", null, null, true, "user", null, "admin", "admin", null, null, null, null, null, 0L, null });

            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "id", "capability", "level", "resource_pattern", "resource_type", "role_id" },
                values: new object[,]
                {
                    { 1L, null, 1, "*", "*", 1L },
                    { 2L, null, 2, "*", "deployment", 2L },
                    { 3L, null, 1, "*", "*", 3L },
                    { 4L, null, 3, "*", "experiment", 3L },
                    { 5L, null, 3, "*", "dataset", 3L },
                    { 6L, null, 3, "*", "pipeline", 3L },
                    { 7L, "download_artifacts", null, "*", "*", 3L },
                    { 8L, "deploy:dev", null, "*", "*", 3L },
                    { 9L, "deploy:staging", null, "*", "*", 3L },
                    { 10L, null, 1, "*", "*", 4L },
                    { 11L, null, 3, "*", "experiment", 4L },
                    { 12L, null, 3, "*", "dataset", 4L },
                    { 13L, null, 3, "*", "pipeline", 4L },
                    { 14L, "download_artifacts", null, "*", "*", 4L },
                    { 15L, "deploy:dev", null, "*", "*", 4L },
                    { 16L, "deploy:staging", null, "*", "*", 4L },
                    { 17L, null, 2, "*", "registered_model", 3L },
                    { 18L, null, 3, "*", "registered_model", 4L },
                    { 19L, null, 3, "*", "deployment", 4L },
                    { 20L, "deploy:production", null, "*", "*", 4L },
                    { 21L, "manage_quotas", null, "*", "*", 4L },
                    { 22L, null, 1, "*", "*", 5L },
                    { 23L, "approve", null, "*", "*", 5L },
                    { 24L, null, 1, "*", "*", 6L },
                    { 25L, "audit:read", null, "*", "*", 6L },
                    { 26L, "audit:export", null, "*", "*", 6L },
                    { 27L, null, 4, "*", "*", 7L },
                    { 28L, "download_artifacts", null, "*", "*", 7L },
                    { 29L, "manage_tokens", null, "*", "*", 7L },
                    { 30L, "manage_quotas", null, "*", "*", 7L },
                    { 31L, "audit:read", null, "*", "*", 7L }
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_group_members_user_id",
                table: "group_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_groups_normalized_name",
                table: "groups",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recovery_codes_user_id_hash",
                table: "recovery_codes",
                columns: new[] { "user_id", "hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resource_grants_principal_kind_principal_id_resource_type_r",
                table: "resource_grants",
                columns: new[] { "principal_kind", "principal_id", "resource_type", "resource_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resource_grants_resource_type_resource_id",
                table: "resource_grants",
                columns: new[] { "resource_type", "resource_id" });

            migrationBuilder.CreateIndex(
                name: "ix_resource_grants_workspace_id",
                table: "resource_grants",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_bindings_principal_kind_principal_id",
                table: "role_bindings",
                columns: new[] { "principal_kind", "principal_id" });

            migrationBuilder.CreateIndex(
                name: "ix_role_bindings_role_id",
                table: "role_bindings",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_bindings_workspace_id_role_id_principal_kind_principal",
                table: "role_bindings",
                columns: new[] { "workspace_id", "role_id", "principal_kind", "principal_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_role_permissions_role_id",
                table: "role_permissions",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_roles_workspace_id_name",
                table: "roles",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_sessions_hash",
                table: "user_sessions",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_sessions_user_id",
                table: "user_sessions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_normalized_name",
                table: "users",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_oidc_issuer_oidc_subject",
                table: "users",
                columns: new[] { "oidc_issuer", "oidc_subject" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_api_tokens_users_user_id",
                table: "api_tokens",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_api_tokens_workspaces_workspace_id",
                table: "api_tokens",
                column: "workspace_id",
                principalTable: "workspaces",
                principalColumn: "id");

            // Tokens from before users existed belong to the platform admin and are not bound to a workspace.
            migrationBuilder.Sql("UPDATE api_tokens SET workspace_id = NULL, user_id = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_api_tokens_users_user_id",
                table: "api_tokens");

            migrationBuilder.DropForeignKey(
                name: "fk_api_tokens_workspaces_workspace_id",
                table: "api_tokens");

            migrationBuilder.DropTable(
                name: "group_members");

            migrationBuilder.DropTable(
                name: "recovery_codes");

            migrationBuilder.DropTable(
                name: "resource_grants");

            migrationBuilder.DropTable(
                name: "role_bindings");

            migrationBuilder.DropTable(
                name: "role_permissions");

            migrationBuilder.DropTable(
                name: "user_sessions");

            migrationBuilder.DropTable(
                name: "groups");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "last_used_at",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "last_used_ip",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "max_permission",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "user_id",
                table: "api_tokens");

            migrationBuilder.AlterColumn<long>(
                name: "workspace_id",
                table: "api_tokens",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "fk_api_tokens_workspaces_workspace_id",
                table: "api_tokens",
                column: "workspace_id",
                principalTable: "workspaces",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
