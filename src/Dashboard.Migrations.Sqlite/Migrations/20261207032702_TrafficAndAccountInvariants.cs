using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrafficAndAccountInvariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TrafficChanges_OneOpenPerEndpoint",
                table: "TrafficChanges",
                column: "Endpoint",
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Applying')");

            // A traffic change is decided once and its outcome recorded once: Proposed → Applying, Rejected or
            // Withdrawn; Applying → Applied or Failed. Anything else aborts the writer's transaction.
            migrationBuilder.Sql("""
                CREATE TRIGGER "TrafficChanges_DecidedOnce" BEFORE UPDATE OF "Status" ON "TrafficChanges"
                WHEN NOT ((OLD."Status" = 'Proposed' AND NEW."Status" IN ('Applying', 'Rejected', 'Withdrawn'))
                       OR (OLD."Status" = 'Applying' AND NEW."Status" IN ('Applied', 'Failed')))
                BEGIN SELECT RAISE(ABORT, 'traffic change already decided'); END;
                """);

            // At least one administrator: the last Admin role row can be neither deleted (directly, or by deleting its
            // user: the foreign-key cascade fires the trigger too) nor moved to another role, and the Admin role itself
            // can be neither deleted nor renamed while someone holds it.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUserRoles_KeepAnAdministrator_Delete" BEFORE DELETE ON "AspNetUserRoles"
                WHEN OLD."RoleId" IN (SELECT "Id" FROM "AspNetRoles" WHERE "NormalizedName" = 'ADMIN')
                 AND NOT EXISTS (SELECT 1 FROM "AspNetUserRoles" WHERE "RoleId" = OLD."RoleId" AND "UserId" <> OLD."UserId")
                BEGIN SELECT RAISE(ABORT, 'the last administrator must stay'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUserRoles_KeepAnAdministrator_Update" BEFORE UPDATE OF "RoleId" ON "AspNetUserRoles"
                WHEN OLD."RoleId" IN (SELECT "Id" FROM "AspNetRoles" WHERE "NormalizedName" = 'ADMIN')
                 AND NEW."RoleId" <> OLD."RoleId"
                 AND NOT EXISTS (SELECT 1 FROM "AspNetUserRoles" WHERE "RoleId" = OLD."RoleId" AND "UserId" <> OLD."UserId")
                BEGIN SELECT RAISE(ABORT, 'the last administrator must stay'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetRoles_KeepAnAdministrator_Delete" BEFORE DELETE ON "AspNetRoles"
                WHEN OLD."NormalizedName" = 'ADMIN' AND EXISTS (SELECT 1 FROM "AspNetUserRoles" WHERE "RoleId" = OLD."Id")
                BEGIN SELECT RAISE(ABORT, 'the last administrator must stay'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetRoles_KeepAnAdministrator_Update" BEFORE UPDATE OF "NormalizedName" ON "AspNetRoles"
                WHEN OLD."NormalizedName" = 'ADMIN' AND NEW."NormalizedName" IS NOT 'ADMIN'
                 AND EXISTS (SELECT 1 FROM "AspNetUserRoles" WHERE "RoleId" = OLD."Id")
                BEGIN SELECT RAISE(ABORT, 'the last administrator must stay'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"AspNetRoles_KeepAnAdministrator_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"AspNetRoles_KeepAnAdministrator_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"AspNetUserRoles_KeepAnAdministrator_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"AspNetUserRoles_KeepAnAdministrator_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"TrafficChanges_DecidedOnce\";");

            migrationBuilder.DropIndex(
                name: "IX_TrafficChanges_OneOpenPerEndpoint",
                table: "TrafficChanges");
        }
    }
}
