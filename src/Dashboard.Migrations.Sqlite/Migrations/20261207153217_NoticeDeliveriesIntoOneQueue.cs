using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NoticeDeliveriesIntoOneQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // After OneDeliveryQueue has rebuilt Deliveries (SQLite), the deployment notices' deliveries join it, attempts and outcome kept.
            migrationBuilder.Sql("""
                INSERT INTO "Deliveries" ("WebhookId", "Kind", "TransitionId", "NoticeId", "Status", "Attempts", "CreatedAt", "NextAttemptAt",
                    "LastAttemptAt", "LastStatusCode", "LastError")
                SELECT "WebhookId", 'Deployment', NULL, "NoticeId", "Status", "Attempts", "CreatedAt", "NextAttemptAt",
                    "LastAttemptAt", "LastStatusCode", "LastError"
                FROM "DeploymentNoticeDeliveries" ORDER BY "Id";
                """);

            migrationBuilder.DropTable(
                name: "DeploymentNoticeDeliveries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeploymentNoticeDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NoticeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    WebhookId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentNoticeDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeploymentNoticeDeliveries_DeploymentNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "DeploymentNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DeploymentNoticeDeliveries_Webhooks_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "Webhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNoticeDeliveries_NoticeId",
                table: "DeploymentNoticeDeliveries",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNoticeDeliveries_Status_NextAttemptAt",
                table: "DeploymentNoticeDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNoticeDeliveries_WebhookId",
                table: "DeploymentNoticeDeliveries",
                column: "WebhookId");

            migrationBuilder.Sql("""
                INSERT INTO "DeploymentNoticeDeliveries" ("WebhookId", "NoticeId", "Status", "Attempts", "CreatedAt", "NextAttemptAt",
                    "LastAttemptAt", "LastStatusCode", "LastError")
                SELECT "WebhookId", "NoticeId", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "LastAttemptAt", "LastStatusCode", "LastError"
                FROM "Deliveries" WHERE "Kind" = 'Deployment' ORDER BY "Id";
                DELETE FROM "Deliveries" WHERE "Kind" = 'Deployment';
                """);
        }
    }
}
