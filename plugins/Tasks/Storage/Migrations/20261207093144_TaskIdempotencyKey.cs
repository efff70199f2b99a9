using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Plugins.Tasks.Storage.Migrations
{
    /// <inheritdoc />
    public partial class TaskIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "tasks_tasks",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_tasks_tasks_IdempotencyKey",
                table: "tasks_tasks",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_tasks_IdempotencyKey",
                table: "tasks_tasks");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "tasks_tasks");
        }
    }
}
