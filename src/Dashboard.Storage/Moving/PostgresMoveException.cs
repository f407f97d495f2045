namespace Dashboard.Storage.Moving;

/// <summary>Why a move to PostgreSQL stopped; the command turns each into its documented exit code.</summary>
public enum MoveRefusal
{
    /// <summary>A database cannot be opened, read or written, or the copy failed; the target was left as it was.</summary>
    CannotUse,

    /// <summary>The target already holds rows; nothing was written.</summary>
    TargetNotEmpty,

    /// <summary>The copy does not match the source (row counts, audit chain); the target was emptied again.</summary>
    Mismatch,
}

/// <summary>A move to PostgreSQL was refused or undone; the message says why in one line and never holds a password.</summary>
public sealed class PostgresMoveException(MoveRefusal refusal, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public MoveRefusal Refusal { get; } = refusal;
}
