using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Alarms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Endpoint = table.Column<string>(type: "text", nullable: true),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alarms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditRecords",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    TimeMs = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    RemoteAddress = table.Column<string>(type: "text", nullable: true),
                    Action = table.Column<string>(type: "text", nullable: false),
                    Target = table.Column<string>(type: "text", nullable: false),
                    Endpoint = table.Column<string>(type: "text", nullable: true),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true),
                    PreviousHash = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRecords", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "BaselinePins",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    From = table.Column<long>(type: "bigint", nullable: false),
                    To = table.Column<long>(type: "bigint", nullable: false),
                    PinnedBy = table.Column<string>(type: "text", nullable: false),
                    PinnedAt = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaselinePins", x => x.Endpoint);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeploymentNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Subject = table.Column<string>(type: "text", nullable: false, defaultValue: "Deployment"),
                    DeploymentId = table.Column<long>(type: "bigint", nullable: false),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Time = table.Column<long>(type: "bigint", nullable: false),
                    Headline = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Deployments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Strategy = table.Column<string>(type: "text", nullable: false),
                    Plan = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    ProposedBy = table.Column<string>(type: "text", nullable: false),
                    ProposedAt = table.Column<long>(type: "bigint", nullable: false),
                    StartedOutside = table.Column<bool>(type: "boolean", nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    DecisionNote = table.Column<string>(type: "text", nullable: true),
                    OldConfig = table.Column<string>(type: "text", nullable: true),
                    NewConfig = table.Column<string>(type: "text", nullable: true),
                    ConfigCreatedAt = table.Column<long>(type: "bigint", nullable: true),
                    UpdateRequestedAt = table.Column<long>(type: "bigint", nullable: true),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    AbortAlarm = table.Column<string>(type: "text", nullable: true),
                    AlarmsDeletedAt = table.Column<long>(type: "bigint", nullable: true),
                    AbortedBy = table.Column<string>(type: "text", nullable: true),
                    AbortedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deployments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeployWindows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scope = table.Column<string>(type: "text", nullable: false),
                    Days = table.Column<string>(type: "text", nullable: false),
                    StartMinute = table.Column<int>(type: "integer", nullable: false),
                    EndMinute = table.Column<int>(type: "integer", nullable: false),
                    TimeZone = table.Column<string>(type: "text", nullable: false),
                    SetBy = table.Column<string>(type: "text", nullable: false),
                    SetAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeployWindows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DriftBaselineFeatures",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Feature = table.Column<string>(type: "text", nullable: false),
                    Summary = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftBaselineFeatures", x => new { x.Endpoint, x.Feature });
                });

            migrationBuilder.CreateTable(
                name: "DriftBaselines",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<long>(type: "bigint", nullable: false),
                    To = table.Column<long>(type: "bigint", nullable: false),
                    SetBy = table.Column<string>(type: "text", nullable: false),
                    SetAt = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Uri = table.Column<string>(type: "text", nullable: true),
                    Records = table.Column<long>(type: "bigint", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Problems = table.Column<string>(type: "text", nullable: true),
                    Columns = table.Column<string>(type: "text", nullable: true),
                    LabelColumn = table.Column<string>(type: "text", nullable: true),
                    Quality = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftBaselines", x => x.Endpoint);
                });

            migrationBuilder.CreateTable(
                name: "DriftCaptureHours",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    Variant = table.Column<string>(type: "text", nullable: false),
                    Records = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftCaptureHours", x => new { x.Endpoint, x.Hour, x.Variant });
                });

            migrationBuilder.CreateTable(
                name: "DriftFeatureHours",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    Variant = table.Column<string>(type: "text", nullable: false),
                    Feature = table.Column<string>(type: "text", nullable: false),
                    IsOutput = table.Column<bool>(type: "boolean", nullable: false),
                    Summary = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftFeatureHours", x => new { x.Endpoint, x.Hour, x.Variant, x.Feature });
                });

            migrationBuilder.CreateTable(
                name: "DriftFeatureSettings",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Feature = table.Column<string>(type: "text", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<double>(type: "double precision", nullable: false),
                    SetBy = table.Column<string>(type: "text", nullable: false),
                    SetAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftFeatureSettings", x => new { x.Endpoint, x.Feature });
                });

            migrationBuilder.CreateTable(
                name: "DriftFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FileHour = table.Column<long>(type: "bigint", nullable: false),
                    ReadAt = table.Column<long>(type: "bigint", nullable: false),
                    Records = table.Column<long>(type: "bigint", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Problems = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DriftPredictions",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    JoinId = table.Column<string>(type: "text", nullable: false),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Label = table.Column<string>(type: "text", nullable: true),
                    Labelled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftPredictions", x => new { x.Endpoint, x.JoinId });
                });

            migrationBuilder.CreateTable(
                name: "DriftQualityHours",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    Summary = table.Column<byte[]>(type: "bytea", nullable: false),
                    Predictions = table.Column<long>(type: "bigint", nullable: false),
                    Labelled = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftQualityHours", x => new { x.Endpoint, x.Hour });
                });

            migrationBuilder.CreateTable(
                name: "Endpoints",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false),
                    Arn = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    ConfigName = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FailureReason = table.Column<string>(type: "text", nullable: true),
                    ObservedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Endpoints", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "EndpointSightings",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    ConfigName = table.Column<string>(type: "text", nullable: true),
                    LastModifiedAt = table.Column<long>(type: "bigint", nullable: false),
                    SeenAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EndpointSightings", x => x.Endpoint);
                });

            migrationBuilder.CreateTable(
                name: "MuteWindows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AlarmName = table.Column<string>(type: "text", nullable: true),
                    Endpoint = table.Column<string>(type: "text", nullable: true),
                    StartsAt = table.Column<long>(type: "bigint", nullable: false),
                    EndsAt = table.Column<long>(type: "bigint", nullable: true),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    StartMinute = table.Column<int>(type: "integer", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MuteWindows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetrainingRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Pipeline = table.Column<string>(type: "text", nullable: false),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    FindingKind = table.Column<string>(type: "text", nullable: false),
                    Finding = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    ProposedBy = table.Column<string>(type: "text", nullable: false),
                    ProposedAt = table.Column<long>(type: "bigint", nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    DecisionNote = table.Column<string>(type: "text", nullable: true),
                    StartRequestedAt = table.Column<long>(type: "bigint", nullable: true),
                    ExecutionArn = table.Column<string>(type: "text", nullable: true),
                    ExecutionStatus = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    Steps = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    ModelName = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetrainingRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Series",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Namespace = table.Column<string>(type: "text", nullable: false),
                    MetricName = table.Column<string>(type: "text", nullable: false),
                    Dimensions = table.Column<string>(type: "text", nullable: false),
                    Stat = table.Column<string>(type: "text", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    EndpointName = table.Column<string>(type: "text", nullable: true),
                    VariantName = table.Column<string>(type: "text", nullable: true),
                    LastTime = table.Column<long>(type: "bigint", nullable: true),
                    CoverageFrom = table.Column<long>(type: "bigint", nullable: true),
                    CoverageTo = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Series", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Weights = table.Column<string>(type: "text", nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    ProposedBy = table.Column<string>(type: "text", nullable: false),
                    ProposedAt = table.Column<long>(type: "bigint", nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    DecisionNote = table.Column<string>(type: "text", nullable: true),
                    AppliedAt = table.Column<long>(type: "bigint", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Watermarks",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Watermarks", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Webhooks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Url = table.Column<string>(type: "text", nullable: false),
                    Format = table.Column<string>(type: "text", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Webhooks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlarmStates",
                columns: table => new
                {
                    AlarmId = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    Since = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    EvaluatedAsOf = table.Column<long>(type: "bigint", nullable: false),
                    Evaluation = table.Column<string>(type: "text", nullable: true),
                    CloudWatchState = table.Column<string>(type: "text", nullable: true),
                    CloudWatchReason = table.Column<string>(type: "text", nullable: true),
                    CloudWatchCheckedAt = table.Column<long>(type: "bigint", nullable: true),
                    CloudWatchSince = table.Column<long>(type: "bigint", nullable: true),
                    MirrorError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlarmStates", x => x.AlarmId);
                    table.ForeignKey(
                        name: "FK_AlarmStates_Alarms_AlarmId",
                        column: x => x.AlarmId,
                        principalTable: "Alarms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AlarmTransitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AlarmId = table.Column<long>(type: "bigint", nullable: true),
                    AlarmName = table.Column<string>(type: "text", nullable: false),
                    Endpoint = table.Column<string>(type: "text", nullable: true),
                    Time = table.Column<long>(type: "bigint", nullable: false),
                    OldState = table.Column<string>(type: "text", nullable: false),
                    NewState = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Evaluation = table.Column<string>(type: "text", nullable: true),
                    MutedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlarmTransitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlarmTransitions_Alarms_AlarmId",
                        column: x => x.AlarmId,
                        principalTable: "Alarms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeploymentSteps",
                columns: table => new
                {
                    DeploymentId = table.Column<long>(type: "bigint", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Share = table.Column<double>(type: "double precision", nullable: false),
                    HoldSeconds = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "Variants",
                columns: table => new
                {
                    EndpointName = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    InstanceType = table.Column<string>(type: "text", nullable: true),
                    CurrentInstanceCount = table.Column<int>(type: "integer", nullable: false),
                    DesiredInstanceCount = table.Column<int>(type: "integer", nullable: false),
                    CurrentWeight = table.Column<double>(type: "double precision", nullable: false),
                    DesiredWeight = table.Column<double>(type: "double precision", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "SeriesChunks",
                columns: table => new
                {
                    SeriesId = table.Column<long>(type: "bigint", nullable: false),
                    Start = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeriesChunks", x => new { x.SeriesId, x.Start });
                    table.ForeignKey(
                        name: "FK_SeriesChunks_Series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "Series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WebhookId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    TransitionId = table.Column<long>(type: "bigint", nullable: true),
                    NoticeId = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "bigint", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "bigint", nullable: true),
                    LastStatusCode = table.Column<int>(type: "integer", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deliveries", x => x.Id);
                    table.CheckConstraint("CK_Deliveries_Subject", "(\"Kind\" = 'Alarm' AND \"TransitionId\" IS NOT NULL AND \"NoticeId\" IS NULL) OR (\"Kind\" = 'Deployment' AND \"NoticeId\" IS NOT NULL AND \"TransitionId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Deliveries_AlarmTransitions_TransitionId",
                        column: x => x.TransitionId,
                        principalTable: "AlarmTransitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Deliveries_DeploymentNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "DeploymentNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Deliveries_Webhooks_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "Webhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alarms_Endpoint",
                table: "Alarms",
                column: "Endpoint");

            migrationBuilder.CreateIndex(
                name: "IX_Alarms_Name",
                table: "Alarms",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlarmTransitions_AlarmId_Time",
                table: "AlarmTransitions",
                columns: new[] { "AlarmId", "Time" });

            migrationBuilder.CreateIndex(
                name: "IX_AlarmTransitions_Endpoint_Time",
                table: "AlarmTransitions",
                columns: new[] { "Endpoint", "Time" });

            migrationBuilder.CreateIndex(
                name: "IX_AlarmTransitions_Time",
                table: "AlarmTransitions",
                column: "Time");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_Actor_TimeMs",
                table: "AuditRecords",
                columns: new[] { "Actor", "TimeMs" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_Endpoint_TimeMs",
                table: "AuditRecords",
                columns: new[] { "Endpoint", "TimeMs" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_PreviousHash",
                table: "AuditRecords",
                column: "PreviousHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_TimeMs",
                table: "AuditRecords",
                column: "TimeMs");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_NoticeId",
                table: "Deliveries",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_Status_NextAttemptAt",
                table: "Deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_TransitionId",
                table: "Deliveries",
                column: "TransitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_WebhookId",
                table: "Deliveries",
                column: "WebhookId");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNotices_Subject_DeploymentId_Key",
                table: "DeploymentNotices",
                columns: new[] { "Subject", "DeploymentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNotices_Time",
                table: "DeploymentNotices",
                column: "Time");

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

            migrationBuilder.CreateIndex(
                name: "IX_TrafficChanges_Endpoint_ProposedAt",
                table: "TrafficChanges",
                columns: new[] { "Endpoint", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TrafficChanges_OneOpenPerEndpoint",
                table: "TrafficChanges",
                column: "Endpoint",
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Applying')");

            migrationBuilder.CreateIndex(
                name: "IX_TrafficChanges_Status",
                table: "TrafficChanges",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Webhooks_Name",
                table: "Webhooks",
                column: "Name",
                unique: true);

            // The schema's invariants, kept by the database whoever writes (the same rules and messages as SQLite's triggers).
            migrationBuilder.Sql("""
                CREATE FUNCTION "TrafficChanges_DecidedOnce"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT ((OLD."Status" = 'Proposed' AND NEW."Status" IN ('Applying', 'Rejected', 'Withdrawn'))
                         OR (OLD."Status" = 'Applying' AND NEW."Status" IN ('Applied', 'Failed'))) THEN
                        RAISE EXCEPTION 'traffic change already decided';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "TrafficChanges_DecidedOnce" BEFORE UPDATE OF "Status" ON "TrafficChanges"
                    FOR EACH ROW EXECUTE FUNCTION "TrafficChanges_DecidedOnce"();

                CREATE FUNCTION "AspNetUserRoles_KeepAnAdministrator"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (TG_OP = 'DELETE' OR NEW."RoleId" <> OLD."RoleId")
                       AND OLD."RoleId" IN (SELECT "Id" FROM "AspNetRoles" WHERE "NormalizedName" = 'ADMIN')
                       AND NOT EXISTS (SELECT 1 FROM "AspNetUserRoles" WHERE "RoleId" = OLD."RoleId" AND "UserId" <> OLD."UserId") THEN
                        RAISE EXCEPTION 'the last administrator must stay';
                    END IF;
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END $$;
                CREATE TRIGGER "AspNetUserRoles_KeepAnAdministrator" BEFORE DELETE OR UPDATE OF "RoleId" ON "AspNetUserRoles"
                    FOR EACH ROW EXECUTE FUNCTION "AspNetUserRoles_KeepAnAdministrator"();

                CREATE FUNCTION "AspNetRoles_KeepAnAdministrator"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."NormalizedName" = 'ADMIN' AND (TG_OP = 'DELETE' OR NEW."NormalizedName" IS DISTINCT FROM 'ADMIN')
                       AND EXISTS (SELECT 1 FROM "AspNetUserRoles" WHERE "RoleId" = OLD."Id") THEN
                        RAISE EXCEPTION 'the last administrator must stay';
                    END IF;
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END $$;
                CREATE TRIGGER "AspNetRoles_KeepAnAdministrator" BEFORE DELETE OR UPDATE OF "NormalizedName" ON "AspNetRoles"
                    FOR EACH ROW EXECUTE FUNCTION "AspNetRoles_KeepAnAdministrator"();

                CREATE FUNCTION "Deployments_OneOpenChange"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."Status" IN ('Proposed', 'Approved', 'Deploying', 'RollingBack')
                       AND EXISTS (SELECT 1 FROM "TrafficChanges" WHERE "Endpoint" = NEW."Endpoint" AND "Status" IN ('Proposed', 'Applying')) THEN
                        RAISE EXCEPTION 'endpoint has an open change';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "Deployments_OneOpenChange" BEFORE INSERT ON "Deployments"
                    FOR EACH ROW EXECUTE FUNCTION "Deployments_OneOpenChange"();

                CREATE FUNCTION "TrafficChanges_OneOpenChange"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."Status" IN ('Proposed', 'Applying')
                       AND EXISTS (SELECT 1 FROM "Deployments" WHERE "Endpoint" = NEW."Endpoint"
                                   AND "Status" IN ('Proposed', 'Approved', 'Deploying', 'RollingBack')) THEN
                        RAISE EXCEPTION 'endpoint has an open change';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "TrafficChanges_OneOpenChange" BEFORE INSERT ON "TrafficChanges"
                    FOR EACH ROW EXECUTE FUNCTION "TrafficChanges_OneOpenChange"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION "TrafficChanges_OneOpenChange"() CASCADE;
                DROP FUNCTION "Deployments_OneOpenChange"() CASCADE;
                DROP FUNCTION "AspNetRoles_KeepAnAdministrator"() CASCADE;
                DROP FUNCTION "AspNetUserRoles_KeepAnAdministrator"() CASCADE;
                DROP FUNCTION "TrafficChanges_DecidedOnce"() CASCADE;
                """);

            migrationBuilder.DropTable(
                name: "AlarmStates");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditRecords");

            migrationBuilder.DropTable(
                name: "BaselinePins");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Deliveries");

            migrationBuilder.DropTable(
                name: "DeploymentSteps");

            migrationBuilder.DropTable(
                name: "DeployWindows");

            migrationBuilder.DropTable(
                name: "DriftBaselineFeatures");

            migrationBuilder.DropTable(
                name: "DriftBaselines");

            migrationBuilder.DropTable(
                name: "DriftCaptureHours");

            migrationBuilder.DropTable(
                name: "DriftFeatureHours");

            migrationBuilder.DropTable(
                name: "DriftFeatureSettings");

            migrationBuilder.DropTable(
                name: "DriftFiles");

            migrationBuilder.DropTable(
                name: "DriftPredictions");

            migrationBuilder.DropTable(
                name: "DriftQualityHours");

            migrationBuilder.DropTable(
                name: "EndpointSightings");

            migrationBuilder.DropTable(
                name: "MuteWindows");

            migrationBuilder.DropTable(
                name: "RetrainingRuns");

            migrationBuilder.DropTable(
                name: "SeriesChunks");

            migrationBuilder.DropTable(
                name: "TrafficChanges");

            migrationBuilder.DropTable(
                name: "Variants");

            migrationBuilder.DropTable(
                name: "Watermarks");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "AlarmTransitions");

            migrationBuilder.DropTable(
                name: "DeploymentNotices");

            migrationBuilder.DropTable(
                name: "Webhooks");

            migrationBuilder.DropTable(
                name: "Deployments");

            migrationBuilder.DropTable(
                name: "Series");

            migrationBuilder.DropTable(
                name: "Endpoints");

            migrationBuilder.DropTable(
                name: "Alarms");
        }
    }
}
