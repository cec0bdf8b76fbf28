using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Data;

/// <summary>
/// Random secrets the server makes once and every instance shares (<see cref="ServerSecret"/>), stored encrypted with Data
/// Protection, so a copy of the database alone does not give them away.
/// </summary>
public static class ServerSecrets
{
    public const int Size = 32;

    /// <summary>
    /// The secret <paramref name="name"/>, made now if there is none. Of instances that make it at once, the first insert
    /// wins and the others read it. A secret stored by an earlier release under <paramref name="legacy"/> is read with it.
    /// </summary>
    public static async Task<byte[]> LoadOrCreateAsync(
        AuthDbContext db, string name, IDataProtector protector, TimeProvider time, CancellationToken cancellationToken, IDataProtector? legacy = null)
    {
        var stored = await db.ServerSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (stored is null)
        {
            db.ServerSecrets.Add(new ServerSecret
            {
                Name = name,
                ProtectedValue = Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(Size))),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance created it first; use theirs.
                db.ChangeTracker.Clear();
            }

            stored = await db.ServerSecrets.AsNoTracking().SingleAsync(s => s.Name == name, cancellationToken);
        }

        var ciphertext = Convert.FromBase64String(stored.ProtectedValue);
        try
        {
            return protector.Unprotect(ciphertext);
        }
        catch (CryptographicException current) when (legacy is not null)
        {
            // Read as it is, never rewritten: a previous release reading the same row must still be able to start.
            try
            {
                return legacy.Unprotect(ciphertext);
            }
            catch (CryptographicException)
            {
                throw current;
            }
        }
    }
}
