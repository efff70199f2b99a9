using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Plugins.Tasks.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tasks_output",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks_output", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tasks_tasks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Transport = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ChatId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ThreadId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CardMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StopToken = table.Column<string>(type: "TEXT", nullable: true),
                    LogToken = table.Column<string>(type: "TEXT", nullable: true),
                    RetryToken = table.Column<string>(type: "TEXT", nullable: true),
                    Project = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Prompt = table.Column<string>(type: "TEXT", nullable: false),
                    Executor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ArgumentsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BudgetCapMicros = table.Column<long>(type: "INTEGER", nullable: true),
                    RetryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RetryOf = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    ScheduleId = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseUntilUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckpointJson = table.Column<string>(type: "TEXT", nullable: true),
                    RanForMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Resumed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tasks_transitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks_transitions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_output_TaskId",
                table: "tasks_output",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_tasks_After",
                table: "tasks_tasks",
                column: "After");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_tasks_LeaseOwner_Status",
                table: "tasks_tasks",
                columns: new[] { "LeaseOwner", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_tasks_OwnerId_CreatedAtUtc",
                table: "tasks_tasks",
                columns: new[] { "OwnerId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_tasks_RetryOf_RetryCount",
                table: "tasks_tasks",
                columns: new[] { "RetryOf", "RetryCount" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tasks_tasks_Status_CreatedAtUtc",
                table: "tasks_tasks",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_transitions_TaskId",
                table: "tasks_transitions",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tasks_output");

            migrationBuilder.DropTable(
                name: "tasks_tasks");

            migrationBuilder.DropTable(
                name: "tasks_transitions");
        }
    }
}
