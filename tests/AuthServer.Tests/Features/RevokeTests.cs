using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Features;

/// <summary><c>POST /revoke</c> (RFC 7009).</summary>
public sealed class RevokeTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task RevokeRefreshToken_Returns200AndEndsItsSessionOnly()
    {
        var user = await _client.RegisterAsync();
        var revoked = await _client.LoginAsync(user);
        var kept = await _client.LoginAsync(user);

        var response = await RevokeAsync(("token", revoked.RefreshToken!), ("token_type_hint", "refresh_token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        await (await _client.PostRefreshAsync(revoked.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        (await _client.GetProtectedAsync(revoked.AccessToken)).AssertInvalidTokenChallenge();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(kept.AccessToken)).StatusCode);
        await _client.RefreshAsync(kept.RefreshToken!);
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    [InlineData(null)]
    public async Task RevokeAccessToken_WhateverTheHint_EndsItsSession(string? hint)
    {
        var tokens = await _client.LoginAsync();
        var fields = hint is null ? new[] { ("token", tokens.AccessToken) } : [("token", tokens.AccessToken), ("token_type_hint", hint)];

        var response = await RevokeAsync(fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        (await _client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
        await (await _client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task RevokeAsJson_Works()
    {
        var tokens = await _client.LoginAsync();

        var response = await _client.PostAsJsonAsync("/revoke", new { token = tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await (await _client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    public static TheoryData<string> TokensThatNameNoLiveSession => new()
    {
        "an-unknown-refresh-token",
        "eyJhbGciOiJFUzI1NiJ9.eyJzaWQiOiIwMDAwIn0.c2ln",
        new string('x', 20_000),
    };

    [Theory]
    [MemberData(nameof(TokensThatNameNoLiveSession))]
    public async Task RevokeUnknownToken_Returns200AndChangesNothing(string token)
    {
        await _client.LoginAsync();
        var revokedBefore = await RevokedSessionsAsync();

        var response = await RevokeAsync(("token", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(revokedBefore, await RevokedSessionsAsync());
    }

    [Fact]
    public async Task RevokeForgedAccessToken_Returns200AndEndsNothing()
    {
        var victim = await _client.LoginAsync();
        var parts = victim.AccessToken.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";

        var response = await RevokeAsync(("token", forged), ("token_type_hint", "access_token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(victim.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task RevokeExpiredAccessToken_Returns200AndLeavesTheSession()
    {
        var tokens = await _client.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var response = await RevokeAsync(("token", tokens.AccessToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _client.RefreshAsync(tokens.RefreshToken!);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "token_type_hint=refresh_token")]
    [InlineData("application/x-www-form-urlencoded", "token=")]
    [InlineData("application/x-www-form-urlencoded", "token=a&token=b")]
    [InlineData("application/json", """{"token":42}""")]
    [InlineData("application/json", """{"token":""")]
    [InlineData("text/plain", "token=abc")]
    public async Task MalformedRequest_Returns400InvalidRequestAndChangesNothing(string contentType, string body)
    {
        await _client.LoginAsync();
        var revokedBefore = await RevokedSessionsAsync();

        var response = await _client.PostAsync("/revoke", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(revokedBefore, await RevokedSessionsAsync());
    }

    private Task<int> RevokedSessionsAsync() => factory.QueryAsync(db => db.Sessions.CountAsync(s => s.RevokedAtUtc != null));

    private Task<HttpResponseMessage> RevokeAsync(params (string Name, string Value)[] fields) =>
        _client.PostAsync("/revoke", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}
