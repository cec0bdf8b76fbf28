using AuthServer.Users;

namespace AuthServer.Sessions;

/// <summary>
/// One login on one device: the unit of logout and of reuse revocation. Its id is the <c>sid</c> claim. Whether it is
/// still live is <see cref="SessionLiveness"/>'s to say.
/// </summary>
public sealed class Session
{
    public const int MaxScopeLength = 1024;

    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public User User { get; init; } = null!;

    public DateTime CreatedAtUtc { get; init; }

    public DateTime LastUsedAtUtc { get; set; }

    /// <summary>When its current refresh token expires: unless refreshed by then, the session has ended (idle).</summary>
    public DateTime RefreshExpiresAtUtc { get; set; }

    /// <summary>The absolute end of the session: no refresh extends it.</summary>
    public DateTime ExpiresAtUtc { get; init; }

    public DateTime? RevokedAtUtc { get; set; }

    public SessionRevocationReason? RevocationReason { get; set; }

    public string? UserAgent { get; init; }

    public string? IpAddress { get; init; }

    /// <summary>The scope granted at login, space-delimited (RFC 6749 §3.3), or null for none. It never changes.</summary>
    public string? Scope { get; init; }

    /// <summary>The Token Status List its access tokens name, allocated at login; null for sessions older than status lists.</summary>
    public int? StatusList { get; init; }

    /// <summary>Its entry in <see cref="StatusList"/>: set to 1 (invalid) when the session is revoked. Never given to another session.</summary>
    public int? StatusIndex { get; init; }
}
