namespace AuthServer.Users;

/// <summary>One role of one user: a name that <see cref="RoleName"/> accepts, compared exactly (case-sensitive).</summary>
public sealed class UserRole
{
    public Guid UserId { get; init; }

    public required string Name { get; init; }

    public DateTime GrantedAtUtc { get; init; }
}
