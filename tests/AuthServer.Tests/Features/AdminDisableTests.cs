using System.Net;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthServer.Tests.Features;

/// <summary>Disabling and enabling users, and signing them out everywhere, at <c>/admin/users/{id}/…</c>.</summary>
public sealed class AdminDisableTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Disable_RefusesEveryAccessTokenOfTheUserAtOnce_ThenTheirRefreshTokensAndTheirLogin()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.RegisterAsync();
        var phone = await _client.LoginAsync(user);
        var laptop = await _client.LoginAsync(user);
        var bystander = await _client.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(phone.AccessToken)).StatusCode);

        var response = await _client.PostUserActionAsync(admin.AccessToken, phone.UserIdOf(), "disable");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        response.AssertNoStore();
        (await _client.GetProtectedAsync(phone.AccessToken)).AssertInvalidTokenChallenge();
        (await _client.GetProtectedAsync(laptop.AccessToken)).AssertInvalidTokenChallenge();
        await (await _client.PostRefreshAsync(phone.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await (await _client.PostRefreshAsync(laptop.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        var login = await _client.PostLoginAsync(user);
        await login.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        var wrongPassword = await _client.PostLoginAsync(user with { Password = "not the password at all" });
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await login.Content.ReadAsStringAsync());
        await (await PasswordGrantAsync(user)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(bystander.AccessToken)).StatusCode);
        var listed = await _client.FindUserAsync(admin.AccessToken, user.Username);
        Assert.True(listed.Disabled);
        Assert.Equal(0, listed.LiveSessions);
    }

    [Fact]
    public async Task Disable_RevokesTheSessionsWithTheirOwnReason()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();
        var sessionId = Guid.Parse(AccessTokenReader.SessionIdOf(user.AccessToken));

        await _client.PostUserActionAsync(admin.AccessToken, user.UserIdOf(), "disable");

        var session = await factory.QueryAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, session.RevokedAtUtc);
        Assert.Equal(AuthServer.Sessions.SessionRevocationReason.UserDisabled, session.RevocationReason);
    }

    [Fact]
    public async Task Enable_LetsTheUserLogInAgain_ButTheirOldSessionsStayEnded()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.RegisterAsync();
        var before = await _client.LoginAsync(user);
        await _client.PostUserActionAsync(admin.AccessToken, before.UserIdOf(), "disable");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var response = await _client.PostUserActionAsync(admin.AccessToken, before.UserIdOf(), "enable");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        response.AssertNoStore();
        var after = await _client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(after.AccessToken)).StatusCode);
        await _client.RefreshAsync(after.RefreshToken!);
        (await _client.GetProtectedAsync(before.AccessToken)).AssertInvalidTokenChallenge();
        await (await _client.PostRefreshAsync(before.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.False((await _client.FindUserAsync(admin.AccessToken, user.Username)).Disabled);
    }

    [Fact]
    public async Task DisableAndEnable_Twice_Return204EachTime()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);

        var answers = new[]
        {
            await _client.PostUserActionAsync(admin.AccessToken, tokens.UserIdOf(), "disable"),
            await _client.PostUserActionAsync(admin.AccessToken, tokens.UserIdOf(), "disable"),
            await _client.PostUserActionAsync(admin.AccessToken, tokens.UserIdOf(), "enable"),
            await _client.PostUserActionAsync(admin.AccessToken, tokens.UserIdOf(), "enable"),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        await _client.LoginAsync(user);
    }

    [Fact]
    public async Task Disable_Oneself_Returns409Conflict_AndChangesNothing()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);

        var response = await _client.PostUserActionAsync(admin.AccessToken, admin.UserIdOf(), "disable");

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
        response.AssertNoStore();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetUsersAsync(admin.AccessToken)).StatusCode);
        await _client.RefreshAsync(admin.RefreshToken!);
    }

    [Fact]
    public async Task Disable_AnotherAdministrator_Succeeds_AndTheirAdminCallsStopAtOnce()
    {
        var first = await factory.LoginAsAdministratorAsync(_client);
        var second = await factory.LoginAsAdministratorAsync(_client);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostUserActionAsync(first.AccessToken, second.UserIdOf(), "disable")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetUsersAsync(second.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task LogoutAll_ByAnAdministrator_EndsEverySessionOfThatUserOnly_WhoMayLogInAgain()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.RegisterAsync();
        var phone = await _client.LoginAsync(user);
        var laptop = await _client.LoginAsync(user);
        var bystander = await _client.LoginAsync();

        var response = await _client.PostUserActionAsync(admin.AccessToken, phone.UserIdOf(), "logout-all");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        response.AssertNoStore();
        foreach (var ended in new[] { phone, laptop })
        {
            (await _client.GetProtectedAsync(ended.AccessToken)).AssertInvalidTokenChallenge();
            await (await _client.PostRefreshAsync(ended.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(bystander.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(admin.AccessToken)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await _client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostUserActionAsync(admin.AccessToken, phone.UserIdOf(), "logout-all")).StatusCode);
    }

    [Fact]
    public async Task Disable_ALoginWhosePasswordCheckOverlappedIt_GetsNoSession()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.RegisterAsync(new TestUser(TestUser.Unique().Username, "a gated password for this test"));
        GatedPasswordHasher? gate = null;
        using var server = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher>(provider => gate = new GatedPasswordHasher(
                new BcryptPasswordHasher(provider.GetRequiredService<IOptions<PasswordOptions>>()), user.Password))));
        var client = server.CreateClient();
        _ = server.Services.GetRequiredService<IPasswordHasher>();

        var inFlight = client.PostLoginAsync(user);
        await gate!.Entered;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostUserActionAsync(admin.AccessToken, (await client.FindUserAsync(admin.AccessToken, user.Username)).Id, "disable")).StatusCode);
        gate.Open();

        await (await inFlight).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(0, await factory.QueryAsync(db => db.Sessions.CountAsync(s => s.User.Username == user.Username && s.RevokedAtUtc == null)));
    }

    private Task<HttpResponseMessage> PasswordGrantAsync(TestUser user) =>
        _client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user.Username,
            ["password"] = user.Password,
        }));
}
