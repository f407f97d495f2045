using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OneDeliveryQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "TransitionId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Deliveries",
                type: "TEXT",
                nullable: false,
                defaultValue: "Alarm");

            migrationBuilder.AddColumn<long>(
                name: "NoticeId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_NoticeId",
                table: "Deliveries",
                column: "NoticeId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Deliveries_Subject",
                table: "Deliveries",
                sql: "(Kind = 'Alarm' AND TransitionId IS NOT NULL AND NoticeId IS NULL) OR (Kind = 'Deployment' AND NoticeId IS NOT NULL AND TransitionId IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_DeploymentNotices_NoticeId",
                table: "Deliveries",
                column: "NoticeId",
                principalTable: "DeploymentNotices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_DeploymentNotices_NoticeId",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_NoticeId",
                table: "Deliveries");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Deliveries_Subject",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "NoticeId",
                table: "Deliveries");

            migrationBuilder.AlterColumn<long>(
                name: "TransitionId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
