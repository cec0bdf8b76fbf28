using AuthServer.Data;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Users;

/// <summary>
/// Changes a password after checking the current one, and ends every session of the user, the caller's
/// too: whoever knew the old password or held a token from before must sign in again.
/// </summary>
public sealed class PasswordChange(
    AuthDbContext db, IPasswordHasher hasher, PasswordPolicy policy, SessionRevoker revoker, AuthMetrics metrics, ILogger<PasswordChange> logger)
{
    /// <summary>The outcome, and for a policy violation the reason to show the user.</summary>
    public async Task<(PasswordChangeOutcome Outcome, string? Refusal)> ChangeAsync(
        Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var verification = await hasher.VerifyAsync(currentPassword, user?.PasswordHash, cancellationToken);
        if (user is null || verification == PasswordVerification.Failed)
        {
            logger.PasswordChangeRefused(userId);
            metrics.PasswordChange(MetricOutcomes.WrongPassword);
            return (PasswordChangeOutcome.WrongCurrentPassword, null);
        }

        if (policy.Check(newPassword, user.Username) is { } refusal)
        {
            metrics.PasswordChange(MetricOutcomes.PolicyViolation);
            return (PasswordChangeOutcome.PolicyViolation, refusal);
        }

        user.PasswordHash = await hasher.HashAsync(newPassword, cancellationToken);
        var revoked = await revoker.RevokeAllAsync(user, SessionRevocationReason.PasswordChanged, cancellationToken);
        logger.PasswordChanged(user.Id, revoked);
        metrics.PasswordChange(MetricOutcomes.Succeeded);
        return (PasswordChangeOutcome.Changed, null);
    }
}
