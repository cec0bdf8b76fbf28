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
/// On start, loads the signing keys and the refresh-token successor secret from the database, creating
/// them on first start. Private material is stored encrypted with Data Protection, so a copy of the
/// database alone does not give away the keys.
/// </summary>
internal sealed class KeyMaterialLoader(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    IOptions<TokenOptions> options,
    SigningKeyRing ring,
    RefreshTokenCodec codec,
    TimeProvider time,
    ILogger<KeyMaterialLoader> logger) : IHostedService
{
    private const string SuccessorSecretName = "refresh-token-successor";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("AuthServer.KeyMaterial");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        codec.UseSuccessorKey(await LoadOrCreateSecretAsync(db, SuccessorSecretName, cancellationToken));

        var algorithm = options.Value.SigningAlgorithm;
        if (algorithm == SigningAlgorithms.HS256)
        {
            var key = SymmetricKey(options.Value.SigningSecret!);
            ring.Use(new SigningCredentials(key, algorithm), [key]);
            return;
        }

        var keys = await LoadOrCreateSigningKeysAsync(db, algorithm, cancellationToken);
        ring.Use(new SigningCredentials(keys[0], algorithm), keys);
        logger.SigningKeysLoaded(algorithm, keys[0].KeyId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<List<SecurityKey>> LoadOrCreateSigningKeysAsync(AuthDbContext db, string algorithm, CancellationToken cancellationToken)
    {
        var stored = await ActiveKeysAsync(db, algorithm, cancellationToken);
        if (stored.Count == 0)
        {
            var (id, privateKey) = CreateKey(algorithm);
            var now = time.GetUtcNow().UtcDateTime;
            // The first key has no predecessor to overlap with: it signs at once.
            db.SigningKeys.Add(new SigningKey
            {
                Id = id,
                Algorithm = algorithm,
                ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(privateKey)),
                CreatedAtUtc = now,
                ActivatesAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            logger.SigningKeyCreated(algorithm, id);
            // Read back: if another instance created one at the same moment, all agree on the oldest.
            stored = await ActiveKeysAsync(db, algorithm, cancellationToken);
        }

        return stored.Select(ToSecurityKey).ToList();
    }

    private static Task<List<SigningKey>> ActiveKeysAsync(AuthDbContext db, string algorithm, CancellationToken cancellationToken) =>
        db.SigningKeys.AsNoTracking()
            .Where(k => k.Algorithm == algorithm && k.RetiredAtUtc == null)
            .OrderBy(k => k.CreatedAtUtc).ThenBy(k => k.Id)
            .ToListAsync(cancellationToken);

    private static (string Id, byte[] PrivateKey) CreateKey(string algorithm)
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        if (algorithm == SigningAlgorithms.ES256)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return (id, ecdsa.ExportPkcs8PrivateKey());
        }

        using var rsa = RSA.Create(3072);
        return (id, rsa.ExportPkcs8PrivateKey());
    }

    private SecurityKey ToSecurityKey(SigningKey stored)
    {
        var privateKey = _protector.Unprotect(Convert.FromBase64String(stored.ProtectedPrivateKey));
        if (stored.Algorithm == SigningAlgorithms.ES256)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(privateKey, out _);
            return new ECDsaSecurityKey(ecdsa) { KeyId = stored.Id };
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(privateKey, out _);
        return new RsaSecurityKey(rsa) { KeyId = stored.Id };
    }

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
