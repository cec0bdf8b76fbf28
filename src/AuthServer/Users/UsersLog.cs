namespace AuthServer.Users;

/// <summary>Audit events of accounts and passwords (3001–3099). Never a password or token in them.</summary>
internal static partial class UsersLog
{
    [LoggerMessage(3001, LogLevel.Information, "User {UserId} registered.")]
    public static partial void UserRegistered(this ILogger logger, Guid userId);

    [LoggerMessage(3002, LogLevel.Information, "User {UserId} logged in from {ClientIp}.")]
    public static partial void LoginSucceeded(this ILogger logger, Guid userId, string? clientIp);

    [LoggerMessage(3003, LogLevel.Warning, "Login failed from {ClientIp}: unknown username or wrong password (user {UserId}).")]
    public static partial void LoginFailed(this ILogger logger, Guid? userId, string? clientIp);

    [LoggerMessage(3004, LogLevel.Warning, "Password attempt refused: too many failures from client {ClientIp} or for this username.")]
    public static partial void LoginThrottled(this ILogger logger, string clientIp);

    [LoggerMessage(3005, LogLevel.Information, "User {UserId} changed their password; {SessionCount} sessions revoked.")]
    public static partial void PasswordChanged(this ILogger logger, Guid userId, int sessionCount);

    [LoggerMessage(3006, LogLevel.Warning, "Password change refused for user {UserId}: wrong current password.")]
    public static partial void PasswordChangeRefused(this ILogger logger, Guid userId);

    [LoggerMessage(3007, LogLevel.Information, "The stored username of user {UserId} was normalized again (NFKC and case folding).")]
    public static partial void UsernameRenormalized(this ILogger logger, Guid userId);

    [LoggerMessage(3008, LogLevel.Warning,
        "User {UserId} has a username that looks like that of user {OtherUserId} once normalized; it cannot log in until an operator renames or removes it.")]
    public static partial void UsernameLookAlike(this ILogger logger, Guid userId, Guid? otherUserId);
}
