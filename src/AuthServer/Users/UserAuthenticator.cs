using AuthServer.Data;
using AuthServer.Sessions;
using AuthServer.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Users;

/// <summary>
/// Finds the user a username and password belong to, with their roles. An unknown user, a wrong password and a disabled
/// user cost the same work and look alike. A correct password hashed at a lower work factor than configured is hashed again.
/// </summary>
public sealed class UserAuthenticator(AuthDbContext db, IPasswordHasher hasher, AuthMetrics metrics, ILogger<UserAuthenticator> logger)
{
    /// <summary>Returns the user when the password is right and the user is not disabled, otherwise null, whatever the reason.</summary>
    public async Task<User?> AuthenticateAsync(string username, string password, ClientInfo client, CancellationToken cancellationToken)
    {
        var normalized = UsernamePolicy.Normalize(username);
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        var verification = await hasher.VerifyAsync(password, user?.PasswordHash, cancellationToken);
        if (user is null || verification == PasswordVerification.Failed)
        {
            // The attempted username is not logged: people type their password into it.
            logger.LoginFailed(user?.Id, client.IpAddress);
            metrics.Login(MetricOutcomes.Failed);
            return null;
        }

        if (user.DisabledAtUtc is not null)
        {
            // The same answer as a wrong password: a guesser learns nothing of the password of a disabled account.
            logger.LoginRefusedDisabled(user.Id, client.IpAddress);
            metrics.Login(MetricOutcomes.Disabled);
            return null;
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            // Only over the hash just verified: a password change committed meanwhile must not be undone.
            var verifiedHash = user.PasswordHash;
            var upgraded = await hasher.HashAsync(password, cancellationToken);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == verifiedHash)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, upgraded), cancellationToken);
        }

        logger.LoginSucceeded(user.Id, client.IpAddress);
        metrics.Login(MetricOutcomes.Succeeded);
        return user;
    }
}
