using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PluginBot.Host.Storage.Migrations
{
    /// <inheritdoc />
    public partial class OutboxRetry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "kernel_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingHandlers",
                table: "kernel_outbox",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NextAttemptAtUtc",
                table: "kernel_outbox");

            migrationBuilder.DropColumn(
                name: "PendingHandlers",
                table: "kernel_outbox");
        }
    }
}
