using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Plugins.Scheduler.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CreationKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreationKey",
                table: "scheduler_schedules",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_scheduler_schedules_CreationKey",
                table: "scheduler_schedules",
                column: "CreationKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_scheduler_schedules_CreationKey",
                table: "scheduler_schedules");

            migrationBuilder.DropColumn(
                name: "CreationKey",
                table: "scheduler_schedules");
        }
    }
}
