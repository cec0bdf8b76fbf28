using AuthServer.Data;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Telemetry;
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
    PasswordHashingPool hashing,
    IOptions<PasswordOptions> passwords,
    SessionRevoker revoker,
    AuthMetrics metrics,
    ILogger<PasswordChange> logger)
{
    private static readonly Refusal WrongCurrentPassword = Refusal.InvalidGrant("The current password is incorrect.");

    // The password the caller proved was changed by someone else meanwhile: not a guess, so not counted as one.
    private static readonly Refusal ChangedMeanwhile = Refusal.InvalidGrant("The password was changed by another request meanwhile; sign in again.");

    /// <summary>Returns the number of sessions ended, or why nothing changed.</summary>
    public async Task<Result<int>> ChangeAsync(
        Guid userId, string? currentPassword, string? newPassword, ClientInfo client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            return Refusal.InvalidRequest("Both current_password and new_password are required.");
        }

        if (currentPassword.EnumerateRunes().Count() > passwords.Value.MaxLength)
        {
            return Refusal.InvalidRequest("The current password is longer than any account can have.");
        }

        var clientKey = ClientAddress.LimitKey(client.IpAddress);
        var userKey = userId.ToString();
        if (throttle.Check(clientKey, userKey) is { } retryAfter)
        {
            return Throttled(retryAfter);
        }

        using var slot = await hashing.TryEnterAsync(cancellationToken);
        if (slot is null)
        {
            metrics.PasswordChange(MetricOutcomes.Shed);
            return hashing.Shed();
        }

        // Again with the slot held, as at login: guesses that queued together are judged one after the other.
        if (throttle.Check(clientKey, userKey) is { } wait)
        {
            return Throttled(wait);
        }

        var result = await ChangeCheckedAsync(userId, currentPassword, newPassword, cancellationToken);
        if (result.Refusal == WrongCurrentPassword)
        {
            throttle.Failed(clientKey, userKey);
        }
        else if (result.Succeeded)
        {
            throttle.Succeeded(clientKey, userKey);
        }

        return result;
    }

    private Refusal Throttled(TimeSpan retryAfter)
    {
        metrics.PasswordChange(MetricOutcomes.Throttled);
        return Refusal.RateLimited("Too many failed attempts; try again later.", retryAfter);
    }

    private async Task<Result<int>> ChangeCheckedAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var verification = await hasher.VerifyAsync(currentPassword, user?.PasswordHash, cancellationToken);
        if (user is null || verification == PasswordVerification.Failed)
        {
            logger.PasswordChangeRefused(userId);
            metrics.PasswordChange(MetricOutcomes.WrongPassword);
            return WrongCurrentPassword;
        }

        if (policy.Check(newPassword, user.Username) is { } refusal)
        {
            metrics.PasswordChange(MetricOutcomes.PolicyViolation);
            return Refusal.InvalidRequest(refusal);
        }

        var newHash = await hasher.HashAsync(newPassword, cancellationToken);
        var revoked = await db.InWriteTransactionAsync(async ct =>
        {
            // Only over the hash just verified: a concurrent change of the password wins, and this one changes nothing.
            var changed = await db.Users.Where(u => u.Id == userId && u.PasswordHash == user.PasswordHash)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, newHash), ct);
            return changed == 0 ? null : await revoker.RevokeAllInTransactionAsync(userId, SessionRevocationReason.PasswordChanged, ct);
        }, cancellationToken);
        if (revoked is null)
        {
            metrics.PasswordChange(MetricOutcomes.Refused);
            return ChangedMeanwhile;
        }

        revoker.Announce(revoked);
        logger.PasswordChanged(userId, revoked.Sessions.Count);
        metrics.PasswordChange(MetricOutcomes.Succeeded);
        return revoked.Sessions.Count;
    }
}
