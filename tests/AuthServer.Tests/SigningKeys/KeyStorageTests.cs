using System.Security.Cryptography;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.SigningKeys;

/// <summary>The signing keys are stored encrypted with the Data Protection key ring, never in clear.</summary>
public sealed class KeyStorageTests
{
    [Fact]
    public async Task StoredSigningKey_DoesNotHoldThePrivateKeyInClear()
    {
        using var factory = new AuthServerFactory();
        await factory.CreateClient().LoginAsync();
        var signing = (ECDsaSecurityKey)factory.Services.GetRequiredService<SigningKeyRing>().Current.Key;
        var privateScalar = signing.ECDsa.ExportParameters(includePrivateParameters: true).D!;

        var stored = await factory.QueryAsync(db => db.SigningKeys.Where(k => k.Id == signing.KeyId).Select(k => k.ProtectedPrivateKey).SingleAsync());

        var blob = Convert.FromBase64String(stored);
        Assert.Equal(-1, blob.AsSpan().IndexOf(privateScalar));
        using var attempt = ECDsa.Create();
        Assert.ThrowsAny<CryptographicException>(() => attempt.ImportPkcs8PrivateKey(blob, out _));
    }
}
