namespace AuthServer.Features.Sessions;

/// <summary>One of the user's live sessions, as <c>GET /sessions</c> lists it.</summary>
public sealed record SessionResponse(
    Guid Id,
    DateTime CreatedAt,
    DateTime LastUsedAt,
    DateTime ExpiresAt,
    string? UserAgent,
    string? Ip,
    bool Current);
