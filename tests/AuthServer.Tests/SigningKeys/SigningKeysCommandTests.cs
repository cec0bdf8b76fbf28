using System.Globalization;
using System.Security.Cryptography;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.SigningKeys;

/// <summary><c>dotnet AuthServer.dll keys list|rotate</c>, run as its own process as an operator would.</summary>
public sealed class SigningKeysCommandTests
{
    private const string Kid = "[A-Za-z0-9_-]{22}";
    private const string Time = @"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z";

    [Fact]
    public async Task KeysRotate_MakesTheFirstKeyThenAnAnnouncedSuccessor_AndListShowsThemWithoutPrivateMaterial()
    {
        using var storage = new TestStorage();

        var first = await KeysAsync(storage, "rotate");
        Assert.Matches($"There was no key: created ES256 key {Kid}, which signs at once", first);
        var second = await KeysAsync(storage, "rotate");
        Assert.Matches($"Created ES256 key {Kid}: announced now, signing from {Time} \\(Auth:SigningKeys:AnnouncementPeriod 1.00:00:00\\)", second);
        var third = await KeysAsync(storage, "rotate");
        Assert.Contains("A successor is announced already; no key was created.", third, StringComparison.Ordinal);
        var list = await KeysAsync(storage, "list");

        // A server over the same folder, on a clock near today like the process's, finds both keys.
        using var server = new AuthServerFactory(new Dictionary<string, string?>(), storage, new TestTimeProvider(DateTimeOffset.UtcNow));
        var client = server.CreateClient();
        var stored = await server.QueryAsync(db => db.SigningKeys.AsNoTracking().OrderBy(k => k.ActivatesAtUtc).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored.Select(k => k.Id), await client.GetJwksKidsAsync());
        Assert.Equal(stored[0].Id, new JsonWebToken((await client.LoginAsync()).AccessToken).Kid);

        Assert.Contains(Row(stored[0], "signing"), list, StringComparison.Ordinal);
        Assert.Contains(Row(stored[1], "announced"), list, StringComparison.Ordinal);
        Assert.Equal(stored[1].CreatedAtUtc.AddDays(1), stored[1].ActivatesAtUtc);
        foreach (var output in new[] { first, second, third, list })
        {
            Assert.DoesNotContain("PRIVATE KEY", output, StringComparison.OrdinalIgnoreCase);
            foreach (var key in stored)
            {
                Assert.DoesNotContain(key.ProtectedPrivateKey, output, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("list", "--all")]
    public async Task Keys_WithAnUnknownSubcommand_PrintsUsageAndExitsWith2(params string[] subcommand)
    {
        using var storage = new TestStorage();

        var (exitCode, output) = await ServerProcess.RunAsync(["keys", .. subcommand], Environment(), storage, TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: AuthServer keys list", output, StringComparison.Ordinal);
        Assert.Contains("AuthServer keys rotate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRotate_WithHS256_ExplainsThatTheSharedSecretDoesNotRotate()
    {
        using var storage = new TestStorage();
        var environment = Environment();
        environment["Auth:SigningAlgorithm"] = "HS256";
        environment["Auth:SigningSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

        var (exitCode, output) = await ServerProcess.RunAsync(["keys", "rotate"], environment, storage, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("not stored, not rotated and never published", output, StringComparison.Ordinal);
    }

    private static async Task<string> KeysAsync(TestStorage storage, string subcommand)
    {
        var (exitCode, output) = await ServerProcess.RunAsync(["keys", subcommand], Environment(), storage, TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"`keys {subcommand}` exited with {exitCode}:\n{output}");
        return output;
    }

    private static Dictionary<string, string?> Environment() => new() { ["ASPNETCORE_ENVIRONMENT"] = "Testing" };

    private static string Row(AuthServer.SigningKeys.SigningKey key, string state) =>
        $"{key.Id,-24}{key.Algorithm,-11}{Format(key.CreatedAtUtc),-22}{Format(key.ActivatesAtUtc),-22}{state}";

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
