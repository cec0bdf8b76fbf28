using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using AuthServer.Users;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Roles and the admin endpoints, as tests use them.</summary>
public static class AdministrationExtensions
{
    public const string AdminRole = "admin";

    /// <summary>Grants <paramref name="role"/> to a registered user as <c>users grant-role</c> does: through the server's own rules, as the command line.</summary>
    public static async Task GrantRoleAsync(this AuthServerFactory factory, TestUser user, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var userId = await scope.ServiceProvider.GetRequiredService<UserDirectory>().FindIdAsync(user.Username, CancellationToken.None)
            ?? throw new InvalidOperationException($"{user.Username} is not registered.");
        var granted = await scope.ServiceProvider.GetRequiredService<UserAdministration>().GrantRoleAsync(Administrator.CommandLine, userId, role, CancellationToken.None);
        Assert.True(granted.Succeeded, granted.Refusal?.Description);
    }

    /// <summary>Registers a new user, makes them an administrator, and logs them in: their token carries the role.</summary>
    public static async Task<TestTokens> LoginAsAdministratorAsync(this AuthServerFactory factory, HttpClient client, TestUser? user = null)
    {
        user ??= await client.RegisterAsync();
        await factory.GrantRoleAsync(user, AdminRole);
        return await client.LoginAsync(user);
    }

    /// <summary>The id of the user <paramref name="tokens"/> were issued to (the <c>sub</c> claim).</summary>
    public static string UserIdOf(this TestTokens tokens) => AccessTokenReader.UserIdOf(tokens.AccessToken);

    public static Task<HttpResponseMessage> GetUsersAsync(this HttpClient client, string accessToken, string query = "") =>
        client.SendWithTokenAsync(HttpMethod.Get, "/admin/users" + query, accessToken);

    /// <summary>Lists users as an administrator, asserting success.</summary>
    public static async Task<AdminUserList> ListUsersAsync(this HttpClient client, string accessToken, string query = "")
    {
        var response = await client.GetUsersAsync(accessToken, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /admin/users{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AdminUserList>())!;
    }

    /// <summary>The one user named <paramref name="username"/>, as the admin list shows them.</summary>
    public static async Task<AdminUser> FindUserAsync(this HttpClient client, string accessToken, string username) =>
        Assert.Single((await client.ListUsersAsync(accessToken, $"?query={Uri.EscapeDataString(username)}")).Users, u => u.Username == username);

    public static Task<HttpResponseMessage> PostGrantRoleAsync(this HttpClient client, string accessToken, string userId, string? role) =>
        client.SendWithTokenAsync(HttpMethod.Post, $"/admin/users/{userId}/roles", accessToken, new { role });

    public static Task<HttpResponseMessage> DeleteRoleAsync(this HttpClient client, string accessToken, string userId, string role) =>
        client.SendWithTokenAsync(HttpMethod.Delete, $"/admin/users/{userId}/roles/{Uri.EscapeDataString(role)}", accessToken);

    /// <summary><c>POST /admin/users/{id}/{action}</c>: <c>disable</c>, <c>enable</c> or <c>logout-all</c>.</summary>
    public static Task<HttpResponseMessage> PostUserActionAsync(this HttpClient client, string accessToken, string userId, string action) =>
        client.SendWithTokenAsync(HttpMethod.Post, $"/admin/users/{userId}/{action}", accessToken);

    public sealed record AdminUserList(
        [property: JsonPropertyName("users")] IReadOnlyList<AdminUser> Users,
        [property: JsonPropertyName("next")] string? Next);

    public sealed record AdminUser(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("username")] string Username,
        [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
        [property: JsonPropertyName("disabled")] bool Disabled,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        [property: JsonPropertyName("live_sessions")] int LiveSessions);
}
