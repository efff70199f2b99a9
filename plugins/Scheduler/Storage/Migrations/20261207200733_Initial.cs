using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Plugins.Scheduler.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduler_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScheduleId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScheduledUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduler_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "scheduler_schedules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Transport = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ChatId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ThreadId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Expression = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Misfire = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Overlap = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BudgetDollars = table.Column<decimal>(type: "TEXT", nullable: true),
                    Project = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    PausedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    NextRunUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    LastTaskId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastOutcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    FailuresInRow = table.Column<int>(type: "INTEGER", nullable: false),
                    OverlapNoticeSent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduler_schedules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scheduler_runs_ScheduleId_ScheduledUtc",
                table: "scheduler_runs",
                columns: new[] { "ScheduleId", "ScheduledUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scheduler_runs_TaskId",
                table: "scheduler_runs",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_scheduler_schedules_OwnerId",
                table: "scheduler_schedules",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_scheduler_schedules_Paused_NextRunUtc",
                table: "scheduler_schedules",
                columns: new[] { "Paused", "NextRunUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduler_runs");

            migrationBuilder.DropTable(
                name: "scheduler_schedules");
        }
    }
}
