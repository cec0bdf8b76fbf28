using AuthServer.Sessions;

namespace AuthServer.Tokens;

/// <summary>One link in a session's chain of refresh tokens. The token itself is never stored, only its SHA-256 hash.</summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; }

    public Guid SessionId { get; init; }

    public Session Session { get; init; } = null!;

    public required byte[] TokenHash { get; init; }

    public DateTime IssuedAtUtc { get; init; }

    public DateTime ExpiresAtUtc { get; init; }

    /// <summary>Set once, by the conditional update that rotates this token.</summary>
    public DateTime? ConsumedAtUtc { get; init; }

    public Guid? ReplacedById { get; init; }
}
