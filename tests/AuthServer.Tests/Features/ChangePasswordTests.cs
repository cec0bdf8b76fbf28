using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Features;

public sealed class ChangePasswordTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private const string NewPassword = "copper meadow kettle 42";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ChangePassword_Returns204AndEndsEverySessionOfTheUser()
    {
        var user = await _client.RegisterAsync();
        var here = await _client.LoginAsync(user);
        var elsewhere = await _client.LoginAsync(user);
        var someoneElse = await _client.LoginAsync();

        var response = await _client.PostChangePasswordAsync(here.AccessToken, user.Password, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        response.AssertNoStore();
        foreach (var tokens in new[] { here, elsewhere })
        {
            (await _client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
            await (await _client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(someoneElse.AccessToken)).StatusCode);
        await _client.RefreshAsync(someoneElse.RefreshToken!);
    }

    [Fact]
    public async Task ChangePassword_OldPasswordFailsAndNewOneWorks()
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);

        await _client.PostChangePasswordAsync(tokens.AccessToken, user.Password, NewPassword);

        await (await _client.PostLoginAsync(user)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        var fresh = await _client.LoginAsync(user with { Password = NewPassword });
        // Issued in the same (test) second as the change: the cut-off must not catch it.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(fresh.AccessToken)).StatusCode);
        await _client.RefreshAsync(fresh.RefreshToken!);
    }

    [Fact]
    public async Task ChangePassword_ClearsTheRefreshCookie()
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);

        var response = await _client.PostChangePasswordAsync(tokens.AccessToken, user.Password, NewPassword);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Secure-refresh_token=;", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Returns401AndChangesNothing()
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);
        var rowsBefore = await PasswordHashAndLiveSessionsAsync(user);

        var response = await _client.PostChangePasswordAsync(tokens.AccessToken, "not the password at all", NewPassword);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(rowsBefore, await PasswordHashAndLiveSessionsAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        await _client.LoginAsync(user);
    }

    [Theory]
    [InlineData("short one")]
    [InlineData("passwordpassword")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa")]
    public async Task ChangePassword_NewPasswordAgainstPolicy_Returns400AndChangesNothing(string newPassword)
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);
        var rowsBefore = await PasswordHashAndLiveSessionsAsync(user);

        var response = await _client.PostChangePasswordAsync(tokens.AccessToken, user.Password, newPassword);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(rowsBefore, await PasswordHashAndLiveSessionsAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
    }

    [Theory]
    [InlineData("""{"new_password":"copper meadow kettle 42"}""")]
    [InlineData("""{"current_password":"violet harbour lantern 7"}""")]
    [InlineData("""{"current_password":"","new_password":"copper meadow kettle 42"}""")]
    [InlineData("""{"current_password":7,"new_password":"copper meadow kettle 42"}""")]
    [InlineData("""{"current_password":""")]
    public async Task ChangePassword_MalformedBody_Returns400AndChangesNothing(string json)
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);
        var rowsBefore = await PasswordHashAndLiveSessionsAsync(user);
        var request = new HttpRequestMessage(HttpMethod.Post, "/change-password") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);

        var response = await _client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(rowsBefore, await PasswordHashAndLiveSessionsAsync(user));
    }

    [Fact]
    public async Task ChangePassword_WithoutToken_Returns401()
    {
        var response = await _client.PostAsJsonAsync("/change-password", new { current_password = TestUser.DefaultPassword, new_password = NewPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task ChangePassword_WithTokenOfEndedSession_Returns401AndChangesNothing()
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);
        await _client.PostLogoutAsync(accessToken: tokens.AccessToken);

        var response = await _client.PostChangePasswordAsync(tokens.AccessToken, user.Password, NewPassword);

        response.AssertInvalidTokenChallenge();
        await _client.LoginAsync(user);
    }

    private Task<(string Hash, int LiveSessions)> PasswordHashAndLiveSessionsAsync(TestUser user) => factory.QueryAsync(async db =>
    {
        var stored = await db.Users.SingleAsync(u => u.Username == user.Username);
        return (stored.PasswordHash, await db.Sessions.CountAsync(s => s.UserId == stored.Id && s.RevokedAtUtc == null));
    });
}
