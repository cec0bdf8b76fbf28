namespace AuthServer.Users;

public enum PasswordChangeOutcome
{
    Changed,

    /// <summary>Missing or impossible fields; nothing changed.</summary>
    InvalidRequest,

    /// <summary>The current password was wrong; nothing changed.</summary>
    WrongCurrentPassword,

    /// <summary>The new password breaks the policy; nothing changed.</summary>
    PolicyViolation,

    /// <summary>Too many wrong current passwords from this client or for this user; nothing changed.</summary>
    Throttled,
}
