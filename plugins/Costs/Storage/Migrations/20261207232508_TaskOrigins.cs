using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Plugins.Costs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class TaskOrigins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "costs_task_origins",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_costs_task_origins", x => x.TaskId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "costs_task_origins");
        }
    }
}
