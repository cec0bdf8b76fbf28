using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuthServer.Data;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Data;

/// <summary>Auth:KeyEncryption: the Data Protection key ring, which decrypts the signing keys, is itself encrypted at rest.</summary>
public sealed class KeyEncryptionTests
{
    [Fact]
    public async Task WithAKeyEncryptionKey_TheKeyRingHoldsNoKeyInClear_AndARestartWithTheSameKeyKeepsTheTokens()
    {
        using var storage = new TestStorage();
        var settings = new Dictionary<string, string?> { ["Auth:KeyEncryption:Key"] = NewKey() };
        var clock = new TestTimeProvider();
        var first = new AuthServerFactory(settings, storage, clock);
        var tokens = await first.CreateClient().LoginAsync();

        var keyRing = await KeyRingXmlAsync(first);
        await first.DisposeAsync();

        Assert.Contains("<encryptedKey kekId=", keyRing, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", keyRing, StringComparison.Ordinal);
        using var second = new AuthServerFactory(settings, storage, clock);
        var client = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        await client.RefreshAsync(tokens.RefreshToken!);
    }

    [Fact]
    public async Task WithACertificate_TheKeyRingIsEncryptedToIt_AndARestartWithTheSameCertificateKeepsTheTokens()
    {
        using var storage = new TestStorage();
        var certificate = Path.Combine(storage.Folder, "key-ring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=AuthServer key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificate, created.Export(X509ContentType.Pfx, "pfx password"));
        }

        var settings = new Dictionary<string, string?>
        {
            ["Auth:KeyEncryption:CertificatePath"] = certificate,
            ["Auth:KeyEncryption:CertificatePassword"] = "pfx password",
        };
        var clock = new TestTimeProvider();
        var first = new AuthServerFactory(settings, storage, clock);
        var tokens = await first.CreateClient().LoginAsync();
        var keyRing = await KeyRingXmlAsync(first);
        await first.DisposeAsync();

        Assert.Contains("EncryptedData", keyRing, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", keyRing, StringComparison.Ordinal);
        using var second = new AuthServerFactory(settings, storage, clock);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetProtectedAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AnotherKeyEncryptionKey_CannotOpenTheKeyRing_AndTheServerRefusesToStart()
    {
        using var storage = new TestStorage();
        var first = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:KeyEncryption:Key"] = NewKey() }, storage);
        await first.CreateClient().LoginAsync();
        await first.DisposeAsync();

        var (exitCode, output) = await ServerProcess.RunAsync(
            [], new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["Auth:KeyEncryption:Key"] = NewKey() }, storage, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set Auth:KeyEncryption:Key to that key", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:KeyEncryption:Key", "c2hvcnQ=", "Auth:KeyEncryption:Key must be 32 random bytes in base64")]
    [InlineData("Auth:KeyEncryption:CertificatePath", "/nowhere/key-ring.pfx", "Auth:KeyEncryption:CertificatePath cannot be read")]
    public async Task AKeyEncryptionSettingThatCannotWork_RefusesTheStartInOneLine(string key, string value, string message)
    {
        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Testing", [key] = value }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("AuthServer cannot start: " + message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProduction_WithoutKeyEncryption_OneWarningSaysWhyToSetIt()
    {
        using var unencrypted = new LoggedAuthServerFactory(new Dictionary<string, string?>()) { Environment = "Production" };
        using var encrypted = new LoggedAuthServerFactory(new Dictionary<string, string?> { ["Auth:KeyEncryption:Key"] = NewKey() }) { Environment = "Production" };

        await unencrypted.CreateClient().GetAsync("/health");
        await encrypted.CreateClient().GetAsync("/health");

        var warning = Assert.Single(unencrypted.Logs.Records, r => r.EventId.Id == 1002);
        Assert.Contains("Auth:KeyEncryption:Key", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(encrypted.Logs.Records, r => r.EventId.Id == 1002);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<string> KeyRingXmlAsync(AuthServerFactory factory) => TestDatabase.IsPostgres
        ? string.Join('\n', await factory.QueryAsync(db => ((PostgresAuthDbContext)db).DataProtectionKeys.Select(k => k.Xml).ToListAsync()))
        : string.Join('\n', Directory.GetFiles(Path.Combine(factory.Storage.Folder, "keys"), "*.xml").Select(File.ReadAllText));
}
