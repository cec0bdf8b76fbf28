using System.Security.Cryptography;
using AuthServer.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tokens;

/// <summary>
/// On start, before the server answers: loads the secret that derives successor refresh tokens
/// (<see cref="RefreshTokenCodec.Successor"/>) from the database, creating it on first start. It is stored encrypted
/// with Data Protection under its own purpose, so a copy of the database alone does not give it away.
/// </summary>
internal sealed class SuccessorSecretLoader(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    RefreshTokenCodec codec,
    TimeProvider time) : IHostedService
{
    public const string SecretName = "refresh-token-successor";

    // The purpose string is part of the ciphertext: changing it would make the stored secret unreadable.
    public const string ProtectorPurpose = "AuthServer.RefreshTokenSuccessor";

    // Databases created before the secret had its own purpose hold it under the signing keys' purpose.
    private const string LegacyProtectorPurpose = "AuthServer.KeyMaterial";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        codec.UseSuccessorKey(await LoadOrCreateAsync(db, cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<byte[]> LoadOrCreateAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.ServerSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == SecretName, cancellationToken);
        if (stored is null)
        {
            db.ServerSecrets.Add(new ServerSecret
            {
                Name = SecretName,
                ProtectedValue = Convert.ToBase64String(_protector.Protect(RandomNumberGenerator.GetBytes(32))),
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

            stored = await db.ServerSecrets.AsNoTracking().SingleAsync(s => s.Name == SecretName, cancellationToken);
        }

        var ciphertext = Convert.FromBase64String(stored.ProtectedValue);
        try
        {
            return _protector.Unprotect(ciphertext);
        }
        catch (CryptographicException)
        {
            // Re-encrypt a secret stored under the legacy purpose; any other failure (a missing key ring) still throws.
            var secret = dataProtection.CreateProtector(LegacyProtectorPurpose).Unprotect(ciphertext);
            var reprotected = Convert.ToBase64String(_protector.Protect(secret));
            await db.ServerSecrets.Where(s => s.Name == SecretName && s.ProtectedValue == stored.ProtectedValue)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProtectedValue, reprotected), cancellationToken);
            return secret;
        }
    }
}
