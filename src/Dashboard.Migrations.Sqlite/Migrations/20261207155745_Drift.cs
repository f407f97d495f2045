using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Drift : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DriftBaselines",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftBaselines", x => x.Endpoint);
                });

            migrationBuilder.CreateTable(
                name: "DriftCaptureHours",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Variant = table.Column<string>(type: "TEXT", nullable: false),
                    Records = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftCaptureHours", x => new { x.Endpoint, x.Hour, x.Variant });
                });

            migrationBuilder.CreateTable(
                name: "DriftFeatureHours",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Variant = table.Column<string>(type: "TEXT", nullable: false),
                    Feature = table.Column<string>(type: "TEXT", nullable: false),
                    IsOutput = table.Column<bool>(type: "INTEGER", nullable: false),
                    Summary = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftFeatureHours", x => new { x.Endpoint, x.Hour, x.Variant, x.Feature });
                });

            migrationBuilder.CreateTable(
                name: "DriftFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileHour = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Records = table.Column<long>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    Problems = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DriftPredictions",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    JoinId = table.Column<string>(type: "TEXT", nullable: false),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Label = table.Column<string>(type: "TEXT", nullable: true),
                    Labelled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftPredictions", x => new { x.Endpoint, x.JoinId });
                });

            migrationBuilder.CreateTable(
                name: "DriftQualityHours",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Summary = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Predictions = table.Column<long>(type: "INTEGER", nullable: false),
                    Labelled = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftQualityHours", x => new { x.Endpoint, x.Hour });
                });

            migrationBuilder.CreateIndex(
                name: "IX_DriftFiles_Endpoint_FileHour",
                table: "DriftFiles",
                columns: new[] { "Endpoint", "FileHour" });

            migrationBuilder.CreateIndex(
                name: "IX_DriftFiles_Endpoint_Key",
                table: "DriftFiles",
                columns: new[] { "Endpoint", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DriftPredictions_Hour",
                table: "DriftPredictions",
                column: "Hour");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DriftBaselines");

            migrationBuilder.DropTable(
                name: "DriftCaptureHours");

            migrationBuilder.DropTable(
                name: "DriftFeatureHours");

            migrationBuilder.DropTable(
                name: "DriftFiles");

            migrationBuilder.DropTable(
                name: "DriftPredictions");

            migrationBuilder.DropTable(
                name: "DriftQualityHours");
        }
    }
}
