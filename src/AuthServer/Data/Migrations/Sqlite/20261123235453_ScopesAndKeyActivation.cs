using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthServer.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScopesAndKeyActivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ActivatesAtUtc",
                table: "SigningKeys",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Keys from before rotation signed from the moment they were made.
            migrationBuilder.Sql("UPDATE SigningKeys SET ActivatesAtUtc = CreatedAtUtc;");

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "Sessions",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivatesAtUtc",
                table: "SigningKeys");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "Sessions");
        }
    }
}
