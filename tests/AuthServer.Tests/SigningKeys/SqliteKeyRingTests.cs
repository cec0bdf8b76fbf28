using AuthServer.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AuthServer.Tests.SigningKeys;

/// <summary>On SQLite the key ring is a folder beside the file: a copy of the database alone does not reveal the signing keys.</summary>
public sealed class SqliteKeyRingTests
{
    [Fact]
    public async Task DatabaseCopiedWithoutTheKeyRing_CannotStartTheServer()
    {
        using var original = new TestStorage();
        var first = new AuthServerFactory(new Dictionary<string, string?>(), original);
        await first.CreateClient().LoginAsync();
        await first.DisposeAsync();
        SqliteConnection.ClearAllPools();
        using var copy = new TestStorage();
        foreach (var file in Directory.GetFiles(original.Folder, "auth.db*"))
        {
            File.Copy(file, Path.Combine(copy.Folder, Path.GetFileName(file)));
        }

        var (exitCode, output) = await ServerProcess.RunAsync(
            [], new Dictionary<string, string?> { ["Auth:Issuer"] = "https://auth.test" }, copy, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("CryptographicException", output, StringComparison.Ordinal);
    }
}
