namespace AuthServer.Tokens;

/// <summary>Events of keys and sessions (2001–2099); the session events are the audit trail. Never a token in them.</summary>
internal static partial class TokensLog
{
    [LoggerMessage(2001, LogLevel.Information, "Signing with {Algorithm} key {KeyId}.")]
    public static partial void SigningKeysLoaded(this ILogger logger, string algorithm, string? keyId);

    [LoggerMessage(2002, LogLevel.Warning, "Refresh token reuse detected; session {SessionId} of user {UserId} revoked.")]
    public static partial void RefreshTokenReuseDetected(this ILogger logger, Guid sessionId, Guid userId);

    [LoggerMessage(2003, LogLevel.Information, "Created {Algorithm} signing key {KeyId}.")]
    public static partial void SigningKeyCreated(this ILogger logger, string algorithm, string keyId);

    [LoggerMessage(2004, LogLevel.Information, "Session {SessionId} started for user {UserId}.")]
    public static partial void SessionStarted(this ILogger logger, Guid sessionId, Guid userId);

    [LoggerMessage(2005, LogLevel.Information, "Session {SessionId} refreshed.")]
    public static partial void SessionRefreshed(this ILogger logger, Guid sessionId);

    [LoggerMessage(2006, LogLevel.Information, "Session {SessionId} repeated its last refresh within the leeway; same successor returned.")]
    public static partial void RefreshRepeatedWithinLeeway(this ILogger logger, Guid sessionId);

    [LoggerMessage(2007, LogLevel.Information, "Session {SessionId} revoked: {Reason}.")]
    public static partial void SessionRevoked(this ILogger logger, Guid sessionId, SessionRevocationReason reason);

    [LoggerMessage(2008, LogLevel.Information, "All {SessionCount} sessions of user {UserId} revoked: {Reason}.")]
    public static partial void AllSessionsRevoked(this ILogger logger, Guid userId, int sessionCount, SessionRevocationReason reason);

    [LoggerMessage(2009, LogLevel.Information, "Refresh refused: unknown, expired or revoked refresh token.")]
    public static partial void RefreshRefused(this ILogger logger);

    [LoggerMessage(2010, LogLevel.Information, "Pruned {SessionCount} ended sessions and {RefreshTokenCount} refresh tokens in {ElapsedMilliseconds:F0} ms.")]
    public static partial void Pruned(this ILogger logger, int sessionCount, int refreshTokenCount, double elapsedMilliseconds);

    [LoggerMessage(2011, LogLevel.Debug, "Pruning found nothing to delete in {ElapsedMilliseconds:F0} ms.")]
    public static partial void NothingToPrune(this ILogger logger, double elapsedMilliseconds);

    [LoggerMessage(2012, LogLevel.Error, "Pruning pass failed; the next one runs in {Interval}.")]
    public static partial void PruningFailed(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(2020, LogLevel.Information, "Announced {Algorithm} signing key {KeyId}; it signs from {ActivatesAtUtc:O}.")]
    public static partial void SigningKeyAnnounced(this ILogger logger, string algorithm, string keyId, DateTime activatesAtUtc);

    [LoggerMessage(2021, LogLevel.Information, "Retired signing key {KeyId}: every token it signed has expired.")]
    public static partial void SigningKeyRetired(this ILogger logger, string keyId);

    [LoggerMessage(2022, LogLevel.Error, "Signing-key maintenance failed; the keys loaded before stay in use until the next pass.")]
    public static partial void SigningKeyMaintenanceFailed(this ILogger logger, Exception exception);
}
