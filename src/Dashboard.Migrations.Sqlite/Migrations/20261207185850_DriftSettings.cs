using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DriftSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Columns",
                table: "DriftBaselines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LabelColumn",
                table: "DriftBaselines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Problems",
                table: "DriftBaselines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Quality",
                table: "DriftBaselines",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Records",
                table: "DriftBaselines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Skipped",
                table: "DriftBaselines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Uri",
                table: "DriftBaselines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DriftBaselineFeatures",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Feature = table.Column<string>(type: "TEXT", nullable: false),
                    Summary = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftBaselineFeatures", x => new { x.Endpoint, x.Feature });
                });

            migrationBuilder.CreateTable(
                name: "DriftFeatureSettings",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Feature = table.Column<string>(type: "TEXT", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftFeatureSettings", x => new { x.Endpoint, x.Feature });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DriftBaselineFeatures");

            migrationBuilder.DropTable(
                name: "DriftFeatureSettings");

            migrationBuilder.DropColumn(
                name: "Columns",
                table: "DriftBaselines");

            migrationBuilder.DropColumn(
                name: "LabelColumn",
                table: "DriftBaselines");

            migrationBuilder.DropColumn(
                name: "Problems",
                table: "DriftBaselines");

            migrationBuilder.DropColumn(
                name: "Quality",
                table: "DriftBaselines");

            migrationBuilder.DropColumn(
                name: "Records",
                table: "DriftBaselines");

            migrationBuilder.DropColumn(
                name: "Skipped",
                table: "DriftBaselines");

            migrationBuilder.DropColumn(
                name: "Uri",
                table: "DriftBaselines");
        }
    }
}
