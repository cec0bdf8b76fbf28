namespace AuthServer.Users;

internal static partial class UsersLog
{
    [LoggerMessage(3001, LogLevel.Information, "User {UserId} registered.")]
    public static partial void UserRegistered(this ILogger logger, Guid userId);

    [LoggerMessage(3002, LogLevel.Information, "User {UserId} logged in.")]
    public static partial void LoginSucceeded(this ILogger logger, Guid userId);

    [LoggerMessage(3003, LogLevel.Warning, "Login failed: unknown username or wrong password.")]
    public static partial void LoginFailed(this ILogger logger);

    [LoggerMessage(3004, LogLevel.Warning, "Login refused: too many failed attempts from this client or for this username.")]
    public static partial void LoginThrottled(this ILogger logger);
}
