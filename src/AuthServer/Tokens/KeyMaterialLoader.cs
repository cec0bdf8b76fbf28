using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AuthServer.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>
/// On start, before the server answers: loads the refresh-token successor secret and the signing keys from the
/// database, creating them on first start. Secrets are stored encrypted with Data Protection, so a copy of the
/// database alone does not give them away. <see cref="SigningKeyMaintenance"/> takes over the keys from there.
/// </summary>
internal sealed class KeyMaterialLoader(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    IOptions<TokenOptions> options,
    SigningKeyRing ring,
    SigningKeyMaintenance maintenance,
    RefreshTokenCodec codec,
    TimeProvider time,
    ILogger<KeyMaterialLoader> logger) : IHostedService
{
    private const string SuccessorSecretName = "refresh-token-successor";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(SigningKeyMaterial.ProtectorPurpose);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            codec.UseSuccessorKey(await LoadOrCreateSecretAsync(db, SuccessorSecretName, cancellationToken));
        }

        var algorithm = options.Value.SigningAlgorithm;
        if (algorithm == SigningAlgorithms.HS256)
        {
            var key = SymmetricKey(options.Value.SigningSecret!);
            ring.UseSharedSecret(new SigningCredentials(key, algorithm));
            logger.SigningKeysLoaded(algorithm, key.KeyId);
            return;
        }

        await maintenance.RunOnceAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static SymmetricSecurityKey SymmetricKey(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        // The kid names the secret without revealing it: a truncated hash of it.
        var kid = Base64Url.EncodeToString(SHA256.HashData(bytes).AsSpan(0, 12));
        return new SymmetricSecurityKey(bytes) { KeyId = kid };
    }

    private async Task<byte[]> LoadOrCreateSecretAsync(AuthDbContext db, string name, CancellationToken cancellationToken)
    {
        var stored = await db.ServerSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (stored is null)
        {
            db.ServerSecrets.Add(new ServerSecret
            {
                Name = name,
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

            stored = await db.ServerSecrets.AsNoTracking().SingleAsync(s => s.Name == name, cancellationToken);
        }

        return _protector.Unprotect(Convert.FromBase64String(stored.ProtectedValue));
    }
}
