namespace AuthServer.Users;

/// <summary>One page of users, and the cursor of the next page, or null when this was the last.</summary>
public sealed record UserPage(IReadOnlyList<UserSummary> Users, string? Next);
