namespace Dashboard.Core.Security;

/// <summary>Every action the server checks before it changes anything; <see cref="AccessPolicy"/> maps roles onto them.</summary>
public enum Permission
{
    EditAlarms,
    PinBaselines,
    ProposeTrafficChange,
    ApplyTrafficChange,
    DecideCutover,
    ManageUsers,
    ManageSettings,
    VerifyAudit,
}
