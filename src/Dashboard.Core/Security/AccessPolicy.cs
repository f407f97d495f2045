using System.Collections.Frozen;

namespace Dashboard.Core.Security;

/// <summary>The role matrix: the one place that says which role may do what (README shows the same table).</summary>
public static class AccessPolicy
{
    private static readonly Permission[] EngineerPermissions =
        [Permission.EditAlarms, Permission.PinBaselines, Permission.ProposeTrafficChange];

    private static readonly FrozenDictionary<Role, FrozenSet<Permission>> Matrix = new Dictionary<Role, FrozenSet<Permission>>
    {
        [Role.Viewer] = FrozenSet<Permission>.Empty,
        [Role.Engineer] = EngineerPermissions.ToFrozenSet(),
        [Role.Operator] = EngineerPermissions.Concat([Permission.ApplyTrafficChange, Permission.DecideCutover]).ToFrozenSet(),
        [Role.Admin] = new[] { Permission.ManageUsers, Permission.ManageSettings, Permission.VerifyAudit }.ToFrozenSet(),
    }.ToFrozenDictionary();

    public static IReadOnlySet<Permission> PermissionsOf(Role role) => Matrix[role];

    public static bool Allows(IEnumerable<Role> roles, Permission permission) =>
        roles.Any(role => Matrix[role].Contains(permission));
}
