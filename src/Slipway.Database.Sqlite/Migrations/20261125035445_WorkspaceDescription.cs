using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slipway.Database.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkspaceDescription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "description",
                table: "workspaces",
                type: "TEXT",
                maxLength: 4096,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "workspaces",
                keyColumn: "id",
                keyValue: 1L,
                column: "description",
                value: null);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "description",
                table: "workspaces");
        }
    }
}
