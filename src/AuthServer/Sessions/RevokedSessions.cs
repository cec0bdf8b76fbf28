namespace AuthServer.Sessions;

/// <summary>The sessions of one user that a committed (or committing) write revoked, and why.</summary>
public sealed record RevokedSessions(Guid UserId, IReadOnlyList<RevokedSession> Sessions, SessionRevocationReason Reason);
