using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Endpoints",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Arn = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigName = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastModifiedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", nullable: true),
                    ObservedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Endpoints", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Series",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Namespace = table.Column<string>(type: "TEXT", nullable: false),
                    MetricName = table.Column<string>(type: "TEXT", nullable: false),
                    Dimensions = table.Column<string>(type: "TEXT", nullable: false),
                    Stat = table.Column<string>(type: "TEXT", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    EndpointName = table.Column<string>(type: "TEXT", nullable: true),
                    VariantName = table.Column<string>(type: "TEXT", nullable: true),
                    LastTime = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Series", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Variants",
                columns: table => new
                {
                    EndpointName = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceType = table.Column<string>(type: "TEXT", nullable: true),
                    CurrentInstanceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DesiredInstanceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentWeight = table.Column<double>(type: "REAL", nullable: false),
                    DesiredWeight = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Variants", x => new { x.EndpointName, x.Name });
                    table.ForeignKey(
                        name: "FK_Variants_Endpoints_EndpointName",
                        column: x => x.EndpointName,
                        principalTable: "Endpoints",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            // Written by hand: EF Core cannot declare WITHOUT ROWID. Keyed on (SeriesId, Start), the table is a single
            // B-tree, with no rowid table plus separate primary-key index. Any later migration that rebuilds this table
            // must keep WITHOUT ROWID.
            migrationBuilder.Sql("""
                CREATE TABLE "SeriesChunks" (
                    "SeriesId" INTEGER NOT NULL,
                    "Start" INTEGER NOT NULL,
                    "Count" INTEGER NOT NULL,
                    "Payload" BLOB NOT NULL,
                    CONSTRAINT "PK_SeriesChunks" PRIMARY KEY ("SeriesId", "Start"),
                    CONSTRAINT "FK_SeriesChunks_Series_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "Series" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Series_EndpointName_VariantName",
                table: "Series",
                columns: new[] { "EndpointName", "VariantName" });

            migrationBuilder.CreateIndex(
                name: "IX_Series_Namespace_MetricName_Dimensions_Stat_Period",
                table: "Series",
                columns: new[] { "Namespace", "MetricName", "Dimensions", "Stat", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Series_VariantName",
                table: "Series",
                column: "VariantName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SeriesChunks");

            migrationBuilder.DropTable(
                name: "Variants");

            migrationBuilder.DropTable(
                name: "Series");

            migrationBuilder.DropTable(
                name: "Endpoints");
        }
    }
}
