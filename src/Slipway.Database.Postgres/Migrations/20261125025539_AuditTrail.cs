using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Slipway.Database.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    root = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false, collation: "C"),
                    signature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: true, collation: "C"),
                    ts = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false, collation: "C"),
                    schema = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    status = table.Column<int>(type: "integer", nullable: true),
                    error_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    reason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    actor = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    source = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    request = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    resource = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    changes = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    context = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    prev_hash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false, collation: "C"),
                    hash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_head", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "audit_head",
                columns: new[] { "id", "hash", "seq" },
                values: new object[] { 1, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_audit_checkpoints_size",
                table: "audit_checkpoints",
                column: "size",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_action_seq",
                table: "audit_events",
                columns: new[] { "action", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_id",
                table: "audit_events",
                column: "id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "audit_head");
        }
    }
}
