using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Deployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Deployments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Strategy = table.Column<string>(type: "TEXT", nullable: false),
                    Plan = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedOutside = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", nullable: true),
                    OldConfig = table.Column<string>(type: "TEXT", nullable: true),
                    NewConfig = table.Column<string>(type: "TEXT", nullable: true),
                    ConfigCreatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdateRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", nullable: true),
                    AbortAlarm = table.Column<string>(type: "TEXT", nullable: true),
                    AbortedBy = table.Column<string>(type: "TEXT", nullable: true),
                    AbortedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deployments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeploymentSteps",
                columns: table => new
                {
                    DeploymentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Share = table.Column<double>(type: "REAL", nullable: false),
                    HoldSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentSteps", x => new { x.DeploymentId, x.Index });
                    table.ForeignKey(
                        name: "FK_DeploymentSteps_Deployments_DeploymentId",
                        column: x => x.DeploymentId,
                        principalTable: "Deployments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_Endpoint_ProposedAt",
                table: "Deployments",
                columns: new[] { "Endpoint", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_OneOpenPerEndpoint",
                table: "Deployments",
                column: "Endpoint",
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Approved', 'Deploying', 'RollingBack')");

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_Status",
                table: "Deployments",
                column: "Status");

            // One open change per endpoint across both kinds: a deployment may not open while a traffic change is open
            // on the endpoint, nor a traffic change while a deployment is.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Deployments_OneOpenChange" BEFORE INSERT ON "Deployments"
                WHEN NEW."Status" IN ('Proposed', 'Approved', 'Deploying', 'RollingBack')
                 AND EXISTS (SELECT 1 FROM "TrafficChanges" WHERE "Endpoint" = NEW."Endpoint" AND "Status" IN ('Proposed', 'Applying'))
                BEGIN SELECT RAISE(ABORT, 'endpoint has an open change'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TrafficChanges_OneOpenChange" BEFORE INSERT ON "TrafficChanges"
                WHEN NEW."Status" IN ('Proposed', 'Applying')
                 AND EXISTS (SELECT 1 FROM "Deployments" WHERE "Endpoint" = NEW."Endpoint"
                             AND "Status" IN ('Proposed', 'Approved', 'Deploying', 'RollingBack'))
                BEGIN SELECT RAISE(ABORT, 'endpoint has an open change'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"TrafficChanges_OneOpenChange\";");
            migrationBuilder.Sql("DROP TRIGGER \"Deployments_OneOpenChange\";");

            migrationBuilder.DropTable(
                name: "DeploymentSteps");

            migrationBuilder.DropTable(
                name: "Deployments");
        }
    }
}
