using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace AuthServer.Tests.Infrastructure;

/// <summary>The calls a client of AuthServer makes, each asserting the happy path it relies on.</summary>
public static class AuthClientExtensions
{
    public static async Task<TestUser> RegisterAsync(this HttpClient client, TestUser? user = null)
    {
        user ??= TestUser.Unique();
        var response = await client.PostAsJsonAsync("/register", new { username = user.Username, password = user.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return user;
    }

    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, TestUser user) =>
        client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password });

    /// <summary>Registers a new user (unless one is given) and logs in.</summary>
    public static async Task<TestTokens> LoginAsync(this HttpClient client, TestUser? user = null)
    {
        user ??= await client.RegisterAsync();
        var response = await client.PostLoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TestTokens>())!;
    }

    public static Task<HttpResponseMessage> PostRefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/refresh-token", new { refresh_token = refreshToken });

    public static async Task<TestTokens> RefreshAsync(this HttpClient client, string refreshToken)
    {
        var response = await client.PostRefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TestTokens>())!;
    }

    public static Task<HttpResponseMessage> GetProtectedAsync(this HttpClient client, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/protected-resource");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostLogoutAsync(this HttpClient client, string? accessToken = null, string? refreshToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (refreshToken is not null)
        {
            request.Content = JsonContent.Create(new { refresh_token = refreshToken });
        }

        return client.SendAsync(request);
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with a bearer token and, when given, a JSON body.</summary>
    public static Task<HttpResponseMessage> SendWithTokenAsync(this HttpClient client, HttpMethod method, string path, string accessToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostChangePasswordAsync(this HttpClient client, string accessToken, string currentPassword, string newPassword) =>
        client.SendWithTokenAsync(HttpMethod.Post, "/change-password", accessToken, new { current_password = currentPassword, new_password = newPassword });
}
