using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthServer.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatusListsAndRefreshExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RefreshExpiresAtUtc",
                table: "Sessions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // A session's refresh deadline is the expiry of its unconsumed refresh token; one without any has ended.
            migrationBuilder.Sql("""
                UPDATE "Sessions" SET "RefreshExpiresAtUtc" = COALESCE(
                    (SELECT MAX(t."ExpiresAtUtc") FROM "RefreshTokens" t WHERE t."SessionId" = "Sessions"."Id" AND t."ConsumedAtUtc" IS NULL),
                    "LastUsedAtUtc");
                """);

            migrationBuilder.AddColumn<int>(
                name: "StatusIndex",
                table: "Sessions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StatusList",
                table: "Sessions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StatusListCounters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Allocated = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusListCounters", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "StatusListCounters",
                columns: new[] { "Id", "Allocated" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_StatusList_StatusIndex",
                table: "Sessions",
                columns: new[] { "StatusList", "StatusIndex" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatusListCounters");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_StatusList_StatusIndex",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "RefreshExpiresAtUtc",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "StatusIndex",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "StatusList",
                table: "Sessions");
        }
    }
}
