namespace AuthServer.Users;

/// <summary>
/// Audit events of accounts, passwords and their administration (3001–3099). Never a password or token in them. An
/// administrative event names the administrator (a user id, or <c>command-line</c>) and the user acted on.
/// </summary>
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

    [LoggerMessage(3007, LogLevel.Warning, "Login refused from {ClientIp}: user {UserId} is disabled.")]
    public static partial void LoginRefusedDisabled(this ILogger logger, Guid userId, string? clientIp);

    [LoggerMessage(3020, LogLevel.Information, "Administrator {Administrator} granted the role {Role} to user {UserId} (changed: {Changed}).")]
    public static partial void RoleGranted(this ILogger logger, Administrator administrator, Guid userId, string role, bool changed);

    [LoggerMessage(3021, LogLevel.Information, "Administrator {Administrator} removed the role {Role} from user {UserId} (changed: {Changed}).")]
    public static partial void RoleRevoked(this ILogger logger, Administrator administrator, Guid userId, string role, bool changed);

    [LoggerMessage(3022, LogLevel.Information, "Administrator {Administrator} disabled user {UserId} (changed: {Changed}); {SessionCount} sessions revoked.")]
    public static partial void UserDisabled(this ILogger logger, Administrator administrator, Guid userId, bool changed, int sessionCount);

    [LoggerMessage(3023, LogLevel.Information, "Administrator {Administrator} enabled user {UserId} (changed: {Changed}).")]
    public static partial void UserEnabled(this ILogger logger, Administrator administrator, Guid userId, bool changed);

    [LoggerMessage(3024, LogLevel.Information, "Administrator {Administrator} signed user {UserId} out everywhere; {SessionCount} sessions revoked.")]
    public static partial void UserLoggedOutByAdministrator(this ILogger logger, Administrator administrator, Guid userId, int sessionCount);

    [LoggerMessage(3025, LogLevel.Information, "Administrator {Administrator} listed {UserCount} users.")]
    public static partial void UsersListed(this ILogger logger, Administrator administrator, int userCount);

    [LoggerMessage(3026, LogLevel.Warning, "Administrator {Administrator} was refused {Action} on user {UserId}: {Reason}")]
    public static partial void AdministrationRefused(this ILogger logger, Administrator administrator, string action, Guid userId, string reason);

    [LoggerMessage(3027, LogLevel.Warning, "User {UserId} was refused {Path}: the access token lacks a role it needs.")]
    public static partial void AccessForbidden(this ILogger logger, Guid? userId, string path);

    [LoggerMessage(3010, LogLevel.Information, "The stored username of user {UserId} was normalized again (NFKC and case folding).")]
    public static partial void UsernameRenormalized(this ILogger logger, Guid userId);

    [LoggerMessage(3011, LogLevel.Warning,
        "User {UserId} has a username that looks like that of user {OtherUserId} once normalized; it cannot log in until an operator renames or removes it.")]
    public static partial void UsernameLookAlike(this ILogger logger, Guid userId, Guid? otherUserId);
}
