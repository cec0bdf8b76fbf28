using AuthServer.Data;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Users;

/// <summary>Creates accounts under the username and password policies and the registration limit per client.</summary>
public sealed class UserRegistration(
    AuthDbContext db,
    IPasswordHasher hasher,
    PasswordHashingPool hashing,
    PasswordPolicy passwordPolicy,
    RegistrationLimit limit,
    TimeProvider time,
    ILogger<UserRegistration> logger)
{
    private static readonly Refusal UsernameTaken = Refusal.UsernameTaken("This username is already taken.");

    public async Task<Result<User>> RegisterAsync(string? username, string? password, ClientInfo client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return Refusal.InvalidRequest("Both username and password are required.");
        }

        if ((UsernamePolicy.Check(username) ?? passwordPolicy.Check(password, username)) is { } refusal)
        {
            return Refusal.InvalidRequest(refusal);
        }

        var clientKey = ClientAddress.LimitKey(client.IpAddress);
        if (limit.TryAcquire(clientKey) is { } retryAfter)
        {
            return Refusal.RateLimited("Too many registrations from this client; try again later.", retryAfter);
        }

        var normalized = UsernamePolicy.Normalize(username);
        if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken))
        {
            return UsernameTaken;
        }

        string hash;
        using (var slot = await hashing.TryEnterAsync(cancellationToken))
        {
            if (slot is null)
            {
                limit.Release(clientKey);
                return hashing.Shed();
            }

            hash = await hasher.HashAsync(password, cancellationToken);
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Username = username,
            NormalizedUsername = normalized,
            PasswordHash = hash,
            CreatedAtUtc = now.UtcDateTime,
            TokensValidAfterUtc = now.UtcDateTime,
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken))
            {
                // A concurrent registration took the name between the check and the insert; the unique index caught it.
                return UsernameTaken;
            }

            throw;
        }

        logger.UserRegistered(user.Id);
        return user;
    }
}
