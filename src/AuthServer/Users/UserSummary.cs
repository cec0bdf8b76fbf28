namespace AuthServer.Users;

/// <summary>A user as administrators see them: never the password hash.</summary>
/// <param name="Roles">The role names, in ordinal order.</param>
/// <param name="LiveSessions">How many of the user's sessions are live (<c>SessionLiveness</c>).</param>
public sealed record UserSummary(Guid Id, string Username, IReadOnlyList<string> Roles, bool Disabled, DateTime CreatedAtUtc, int LiveSessions);
