using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Users;

/// <summary>API.md, Abuse: usernames are compared after NFKC and case folding in the shipped build, not only in tests.</summary>
public sealed class UsernameLookAlikeTests
{
    private const string Password = "violet harbour lantern 7";

    [Fact]
    public async Task TheBuiltServerProcess_TreatsFullwidthAndKelvinSignLookAlikesAsTheSameName()
    {
        await using var server = await RunningServer.StartAsync();
        var client = server.Client;

        await client.RegisterAsync(new TestUser("admin", Password));
        await client.RegisterAsync(new TestUser("Kate", Password));

        await (await Register(client, "\uFF41\uFF44\uFF4D\uFF49\uFF4E")).AssertErrorAsync(HttpStatusCode.Conflict, "username_taken"); // ａｄｍｉｎ
        await (await Register(client, "\u212Aate")).AssertErrorAsync(HttpStatusCode.Conflict, "username_taken");                     // Kelvin sign
        var login = await client.PostLoginAsync(new TestUser("\uFF41\uFF44\uFF4D\uFF49\uFF4E", Password));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<TestTokens>())!;
        Assert.Equal("admin", new JsonWebToken(tokens.AccessToken).GetClaim("name").Value);
    }

    [Fact]
    public void TheServerAndTheTests_RunInTheSameGlobalizationMode_WithIcu()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AuthServer.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        var serverInvariant = properties.TryGetProperty("System.Globalization.Invariant", out var invariant) && invariant.GetBoolean();

        Assert.False(serverInvariant, "AuthServer.runtimeconfig.json turns invariant globalization on");
        Assert.True(UsernamePolicy.NormalizationWorks(), "the tests run without ICU");
    }

    [Theory]
    [InlineData("\u200Badmin")]    // zero-width space (Cf)
    [InlineData("ad\u202Emin")]    // right-to-left override (Cf)
    [InlineData("admin\u00AD")]    // soft hyphen (Cf)
    [InlineData("admin\u0007")]    // bell (Cc)
    [InlineData("adm\u0000in")]    // NUL (Cc)
    public async Task Register_UsernameWithAControlOrFormatCharacter_Returns400(string username)
    {
        using var factory = new AuthServerFactory();

        var response = await Register(factory.CreateClient(), username);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task Restart_NormalizesStoredUsernamesAgain_AndLeavesALookAlikeOfAnotherAccountUnreachable()
    {
        using var storage = new TestStorage();
        Guid kate, fullwidthAdmin;
        await using (var before = new AuthServerFactory(new Dictionary<string, string?>(), storage))
        {
            await before.CreateClient().RegisterAsync(new TestUser("admin", Password));
            // Rows as a build without ICU stored them: folded for case only.
            kate = await InsertAsync(before, "\uFF4Bate", "\uFF2BATE");
            fullwidthAdmin = await InsertAsync(before, "\uFF41\uFF44\uFF4D\uFF49\uFF4E", "\uFF21\uFF24\uFF2D\uFF29\uFF2E");
        }

        await using var restarted = new AuthServerFactory(new Dictionary<string, string?>(), storage);
        var client = restarted.CreateClient();

        Assert.Equal("KATE", await restarted.QueryAsync(db => db.Users.Where(u => u.Id == kate).Select(u => u.NormalizedUsername).SingleAsync()));
        Assert.Equal("\uFF21\uFF24\uFF2D\uFF29\uFF2E", await restarted.QueryAsync(db => db.Users.Where(u => u.Id == fullwidthAdmin).Select(u => u.NormalizedUsername).SingleAsync()));
        await (await Register(client, "kate")).AssertErrorAsync(HttpStatusCode.Conflict, "username_taken");
        var login = await client.PostLoginAsync(new TestUser("\uFF4Bate", Password));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    private static Task<HttpResponseMessage> Register(HttpClient client, string username) =>
        client.PostAsJsonAsync("/register", new { username, password = Password });

    private static Task<Guid> InsertAsync(AuthServerFactory factory, string username, string storedNormalized) => factory.QueryAsync(async db =>
    {
        var adminHash = await db.Users.Where(u => u.Username == "admin").Select(u => u.PasswordHash).SingleAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var user = new User { Id = Guid.NewGuid(), Username = username, NormalizedUsername = storedNormalized, PasswordHash = adminHash, CreatedAtUtc = now, TokensValidAfterUtc = now };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });
}
