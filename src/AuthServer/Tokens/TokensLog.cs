namespace AuthServer.Tokens;

/// <summary>Events of the refresh-token chain, part of the audit trail; ids in 2001–2099 as <c>SessionsLog</c> explains. Never a token in them.</summary>
internal static partial class TokensLog
{
    [LoggerMessage(2002, LogLevel.Warning, "Refresh token reuse detected; session {SessionId} of user {UserId} revoked.")]
    public static partial void RefreshTokenReuseDetected(this ILogger logger, Guid sessionId, Guid userId);

    [LoggerMessage(2004, LogLevel.Information, "Session {SessionId} started for user {UserId}.")]
    public static partial void SessionStarted(this ILogger logger, Guid sessionId, Guid userId);

    [LoggerMessage(2005, LogLevel.Information, "Session {SessionId} refreshed.")]
    public static partial void SessionRefreshed(this ILogger logger, Guid sessionId);

    [LoggerMessage(2006, LogLevel.Information, "Session {SessionId} repeated its last refresh within the leeway; same successor returned.")]
    public static partial void RefreshRepeatedWithinLeeway(this ILogger logger, Guid sessionId);

    [LoggerMessage(2009, LogLevel.Information, "Refresh refused: unknown, expired or revoked refresh token.")]
    public static partial void RefreshRefused(this ILogger logger);
}
