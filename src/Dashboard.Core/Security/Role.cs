namespace Dashboard.Core.Security;

/// <summary>
/// What a signed-in person may do. Roles are not a ladder: a person holds any set of them
/// (an operator who also administers users holds Operator and Admin). Names are stored and shown as they are.
/// </summary>
public enum Role
{
    /// <summary>Managers: sees everything, changes nothing.</summary>
    Viewer,

    /// <summary>ML engineers: alarms, pinned baselines, proposing traffic changes.</summary>
    Engineer,

    /// <summary>Everything an engineer may, plus applying traffic changes and approving or rejecting cutovers.</summary>
    Operator,

    /// <summary>Users, roles and settings.</summary>
    Admin,
}
