using System.Security.Cryptography;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using AuthServer.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.SigningKeys;

/// <summary>The README's claim: a copy of the database alone does not reveal the signing keys.</summary>
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

    [Fact]
    public async Task DatabaseCopiedWithoutTheKeyRing_CannotStartTheServer()
    {
        using var original = new TempFolder();
        var first = new AuthServerFactory(new Dictionary<string, string?>(), original.Path);
        await first.CreateClient().LoginAsync();
        await first.DisposeAsync();
        SqliteConnection.ClearAllPools();
        using var copy = new TempFolder();
        foreach (var file in Directory.GetFiles(original.Path, "auth.db*"))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        var (exitCode, output) = await ServerProcess.RunAsync(
            [], new Dictionary<string, string?> { ["Auth:Issuer"] = "https://auth.test" }, copy.Path, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("CryptographicException", output, StringComparison.Ordinal);
    }
}
