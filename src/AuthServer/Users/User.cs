namespace AuthServer.Users;

/// <summary>An account that signs in with a username and password.</summary>
public sealed class User
{
    public Guid Id { get; init; }

    /// <summary>The username as the user chose it, shown back to them.</summary>
    public required string Username { get; init; }

    /// <summary>The username folded for comparison; unique, so names differing only in case collide.</summary>
    public required string NormalizedUsername { get; init; }

    public required string PasswordHash { get; set; }

    public DateTime CreatedAtUtc { get; init; }

    /// <summary>
    /// Access tokens issued before this instant are refused. Moving it forward (password change,
    /// logout everywhere) invalidates every older token of the user in one write.
    /// </summary>
    public DateTime TokensValidAfterUtc { get; set; }

    /// <summary>
    /// When an administrator disabled the account, or null while it is enabled. A disabled user has no live session
    /// and cannot log in or refresh until an administrator enables the account again.
    /// </summary>
    public DateTime? DisabledAtUtc { get; set; }

    /// <summary>The user's roles; access tokens carry their names in the <c>roles</c> claim (RFC 9068 §2.2.3.1).</summary>
    public List<UserRole> Roles { get; init; } = [];
}
