using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Retraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeploymentNotices_DeploymentId_Key",
                table: "DeploymentNotices");

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "DeploymentNotices",
                type: "TEXT",
                nullable: false,
                defaultValue: "Deployment");

            migrationBuilder.CreateTable(
                name: "RetrainingRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Pipeline = table.Column<string>(type: "TEXT", nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", nullable: false),
                    FindingKind = table.Column<string>(type: "TEXT", nullable: false),
                    Finding = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", nullable: true),
                    StartRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExecutionArn = table.Column<string>(type: "TEXT", nullable: true),
                    ExecutionStatus = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", nullable: true),
                    ModelName = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetrainingRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNotices_Subject_DeploymentId_Key",
                table: "DeploymentNotices",
                columns: new[] { "Subject", "DeploymentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_Endpoint_ProposedAt",
                table: "RetrainingRuns",
                columns: new[] { "Endpoint", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_ModelName",
                table: "RetrainingRuns",
                column: "ModelName");

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_OneOpenPerEndpoint",
                table: "RetrainingRuns",
                column: "Endpoint",
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Approved', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_Status",
                table: "RetrainingRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetrainingRuns");

            migrationBuilder.DropIndex(
                name: "IX_DeploymentNotices_Subject_DeploymentId_Key",
                table: "DeploymentNotices");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "DeploymentNotices");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNotices_DeploymentId_Key",
                table: "DeploymentNotices",
                columns: new[] { "DeploymentId", "Key" },
                unique: true);
        }
    }
}
