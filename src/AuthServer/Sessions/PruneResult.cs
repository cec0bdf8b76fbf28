namespace AuthServer.Sessions;

/// <summary>What one pruning pass deleted.</summary>
/// <param name="Sessions">Ended sessions deleted, together with their refresh tokens.</param>
/// <param name="RefreshTokens">Refresh tokens deleted, those of the deleted sessions included.</param>
public readonly record struct PruneResult(int Sessions, int RefreshTokens);
