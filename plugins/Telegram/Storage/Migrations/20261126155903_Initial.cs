using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Plugins.Telegram.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "telegram_inbox",
                columns: table => new
                {
                    UpdateId = table.Column<long>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_telegram_inbox", x => x.UpdateId);
                });

            migrationBuilder.CreateTable(
                name: "telegram_state",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_telegram_state", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_telegram_inbox_HandledAtUtc",
                table: "telegram_inbox",
                column: "HandledAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "telegram_inbox");

            migrationBuilder.DropTable(
                name: "telegram_state");
        }
    }
}
