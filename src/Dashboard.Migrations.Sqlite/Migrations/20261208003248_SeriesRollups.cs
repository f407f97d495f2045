using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SeriesRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand, as SeriesChunks: WITHOUT ROWID keeps the rows in one B-tree ordered by the key a chart reads.
            migrationBuilder.Sql("""
                CREATE TABLE "SeriesRollups" (
                    "SeriesId" INTEGER NOT NULL,
                    "Tier" INTEGER NOT NULL,
                    "Start" INTEGER NOT NULL,
                    "Count" INTEGER NOT NULL,
                    "Payload" BLOB NOT NULL,
                    CONSTRAINT "PK_SeriesRollups" PRIMARY KEY ("SeriesId", "Tier", "Start"),
                    CONSTRAINT "FK_SeriesRollups_Series_SeriesId" FOREIGN KEY ("SeriesId") REFERENCES "Series" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SeriesRollups");
        }
    }
}
