namespace AuthServer.Users;

public enum PasswordChangeOutcome
{
    Changed,

    /// <summary>The current password was wrong; nothing changed.</summary>
    WrongCurrentPassword,

    /// <summary>The new password breaks the policy; nothing changed.</summary>
    PolicyViolation,
}
