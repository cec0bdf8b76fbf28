namespace AuthServer.Sessions;

/// <summary>
/// Events of sessions: the audit trail of how sessions end, pruning, and hearing other instances. Never a token in them.
/// Ids 2001–2099 are shared with <c>TokensLog</c> and <c>SigningKeysLog</c>, as they were one class once; each id is one event.
/// </summary>
internal static partial class SessionsLog
{
    [LoggerMessage(2007, LogLevel.Information, "Session {SessionId} revoked: {Reason}.")]
    public static partial void SessionRevoked(this ILogger logger, Guid sessionId, SessionRevocationReason reason);

    [LoggerMessage(2008, LogLevel.Information, "All {SessionCount} sessions of user {UserId} revoked: {Reason}.")]
    public static partial void AllSessionsRevoked(this ILogger logger, Guid userId, int sessionCount, SessionRevocationReason reason);

    [LoggerMessage(2010, LogLevel.Information, "Pruned {SessionCount} ended sessions and {RefreshTokenCount} refresh tokens in {ElapsedMilliseconds:F0} ms.")]
    public static partial void Pruned(this ILogger logger, int sessionCount, int refreshTokenCount, double elapsedMilliseconds);

    [LoggerMessage(2011, LogLevel.Debug, "Pruning found nothing to delete in {ElapsedMilliseconds:F0} ms.")]
    public static partial void NothingToPrune(this ILogger logger, double elapsedMilliseconds);

    [LoggerMessage(2012, LogLevel.Error, "Pruning pass failed; the next one runs in {Interval}.")]
    public static partial void PruningFailed(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(2013, LogLevel.Information, "Listening for other instances' revocations.")]
    public static partial void RevocationListenerListening(this ILogger logger);

    [LoggerMessage(2014, LogLevel.Warning, "Lost the connection that hears other instances' revocations; reconnecting in {Delay}. Until then cached answers age out as usual.")]
    public static partial void RevocationListenerLost(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(2015, LogLevel.Debug, "Pruning pass skipped: another instance is pruning.")]
    public static partial void PruningSkipped(this ILogger logger);
}
