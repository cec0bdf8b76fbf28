using AuthServer.Data;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// Changes a password after checking the current one, and ends every session of the user, the caller's
/// too: whoever knew the old password or held a token from before must sign in again. Guesses of the
/// current password are throttled with the login limits but their own counts, so a stolen access token is
/// no faster a way to guess it than <c>/login</c>, and failed logins by others cannot block the owner.
/// </summary>
public sealed class PasswordChange(
    AuthDbContext db,
    IPasswordHasher hasher,
    PasswordPolicy policy,
    [FromKeyedServices(LoginThrottle.PasswordChangeKey)] LoginThrottle throttle,
    IOptions<PasswordOptions> passwords,
    SessionRevoker revoker,
    AuthMetrics metrics,
    ILogger<PasswordChange> logger)
{
    public async Task<PasswordChangeResult> ChangeAsync(
        Guid userId, string? currentPassword, string? newPassword, ClientInfo client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            return new(PasswordChangeOutcome.InvalidRequest, "Both current_password and new_password are required.");
        }

        if (currentPassword.EnumerateRunes().Count() > passwords.Value.MaxLength)
        {
            return new(PasswordChangeOutcome.InvalidRequest, "The current password is longer than any account can have.");
        }

        var clientKey = client.IpAddress ?? "unknown";
        var userKey = userId.ToString();
        if (throttle.TryBegin(clientKey, userKey) is { } retryAfter)
        {
            metrics.PasswordChange(MetricOutcomes.Throttled);
            return new(PasswordChangeOutcome.Throttled, "Too many failed attempts; try again later.", retryAfter);
        }

        var result = new PasswordChangeResult(PasswordChangeOutcome.WrongCurrentPassword);
        try
        {
            result = await ChangeCheckedAsync(userId, currentPassword, newPassword, cancellationToken);
            return result;
        }
        finally
        {
            throttle.End(clientKey, userKey, failed: result.Outcome == PasswordChangeOutcome.WrongCurrentPassword);
        }
    }

    private async Task<PasswordChangeResult> ChangeCheckedAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var verification = await hasher.VerifyAsync(currentPassword, user?.PasswordHash, cancellationToken);
        if (user is null || verification == PasswordVerification.Failed)
        {
            logger.PasswordChangeRefused(userId);
            metrics.PasswordChange(MetricOutcomes.WrongPassword);
            return new(PasswordChangeOutcome.WrongCurrentPassword, "The current password is incorrect.");
        }

        if (policy.Check(newPassword, user.Username) is { } refusal)
        {
            metrics.PasswordChange(MetricOutcomes.PolicyViolation);
            return new(PasswordChangeOutcome.PolicyViolation, refusal);
        }

        user.PasswordHash = await hasher.HashAsync(newPassword, cancellationToken);
        var revoked = await revoker.RevokeAllAsync(user, SessionRevocationReason.PasswordChanged, cancellationToken);
        logger.PasswordChanged(user.Id, revoked);
        metrics.PasswordChange(MetricOutcomes.Succeeded);
        return new(PasswordChangeOutcome.Changed);
    }
}
