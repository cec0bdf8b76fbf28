using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.SigningKeys;

/// <summary>
/// On start, before the server answers: loads the signing keys into the <see cref="SigningKeyRing"/>, creating the
/// first one when the database has none; or, for HS256, the shared secret. <see cref="SigningKeyMaintenance"/> takes
/// over the keys from there.
/// </summary>
internal sealed class SigningKeyLoader(
    IOptions<SigningOptions> options,
    SigningKeyRing ring,
    SigningKeyMaintenance maintenance,
    ILogger<SigningKeyLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.UsesSharedSecret)
        {
            var key = SymmetricKey(options.Value.SigningSecret!);
            ring.UseSharedSecret(new SigningCredentials(key, SigningAlgorithms.HS256));
            logger.SigningKeysLoaded(SigningAlgorithms.HS256, key.KeyId);
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
}
