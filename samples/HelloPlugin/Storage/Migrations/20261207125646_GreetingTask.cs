using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelloPlugin.Storage.Migrations
{
    /// <inheritdoc />
    public partial class GreetingTask : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TaskId",
                table: "hello_greetings",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_hello_greetings_TaskId",
                table: "hello_greetings",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_hello_greetings_TaskId",
                table: "hello_greetings");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "hello_greetings");
        }
    }
}
