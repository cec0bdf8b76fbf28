namespace AuthServer.Users;

public enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>Correct, but hashed with a lower work factor than now configured.</summary>
    SucceededRehashNeeded,
}
