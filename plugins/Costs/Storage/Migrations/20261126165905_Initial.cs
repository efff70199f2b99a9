using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Plugins.Costs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "costs_budgets",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LimitMicros = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_costs_budgets", x => new { x.Scope, x.UserId, x.Period });
                });

            migrationBuilder.CreateTable(
                name: "costs_ledger",
                columns: table => new
                {
                    AttemptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Project = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Step = table.Column<int>(type: "INTEGER", nullable: true),
                    AttemptNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EndpointKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsLocal = table.Column<bool>(type: "INTEGER", nullable: false),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CachedInputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CacheWriteInputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    ReasoningTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    ReservedMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    CatalogCostMicros = table.Column<long>(type: "INTEGER", nullable: true),
                    ProviderCostMicros = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PriceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LatencyMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_costs_ledger", x => x.AttemptId);
                });

            migrationBuilder.CreateTable(
                name: "costs_notices",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_costs_notices", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_costs_ledger_AtUtc_CostMicros",
                table: "costs_ledger",
                columns: new[] { "AtUtc", "CostMicros" });

            migrationBuilder.CreateIndex(
                name: "IX_costs_ledger_Project_AtUtc",
                table: "costs_ledger",
                columns: new[] { "Project", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_costs_ledger_Status",
                table: "costs_ledger",
                column: "Status",
                filter: "\"Status\" = 'Running'");

            migrationBuilder.CreateIndex(
                name: "IX_costs_ledger_TaskId_CostMicros",
                table: "costs_ledger",
                columns: new[] { "TaskId", "CostMicros" });

            migrationBuilder.CreateIndex(
                name: "IX_costs_ledger_UserId_AtUtc_CostMicros",
                table: "costs_ledger",
                columns: new[] { "UserId", "AtUtc", "CostMicros" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "costs_budgets");

            migrationBuilder.DropTable(
                name: "costs_ledger");

            migrationBuilder.DropTable(
                name: "costs_notices");
        }
    }
}
