namespace AuthServer.Users;

/// <summary>What a password change did, why not (for the user to read), and, when throttled, how long to wait.</summary>
public sealed record PasswordChangeResult(PasswordChangeOutcome Outcome, string? Description = null, TimeSpan RetryAfter = default);
